import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import { EMBED_SIZES, embedUrls, iframeHtml, type EmbedTarget } from "@/lib/embed/oembed";
import { siteOrigin } from "@/lib/feeds/site-url";

/**
 * "Share / embed": the iframe snippet for this page's embed (decision 025). A <details> with a
 * read-only field works without JavaScript; the copy button comes with it.
 */
export async function ShareEmbed({
  target,
  name = "",
}: {
  target: EmbedTarget;
  /** The story's title or the starting point's name. */ name?: string;
}) {
  const [t, tMeta, origin] = await Promise.all([
    getTranslations("embed"),
    getTranslations("meta"),
    siteOrigin(),
  ]);
  const site = tMeta("siteName");
  const frameTitle =
    target.kind === "model"
      ? t("frameTitleModel", { site })
      : target.kind === "story"
        ? t("frameTitleStory", { title: name, site })
        : `${name} · ${site}`;
  const { page, embed } = embedUrls(target, origin);
  const size = target.kind === "story" ? EMBED_SIZES.story : EMBED_SIZES.model;
  const snippet = iframeHtml({ src: embed, ...size, title: frameTitle });
  const id = `embed-code-${target.kind}`;
  const intro =
    target.kind === "story"
      ? t("shareIntroStory")
      : target.kind === "startingPoint"
        ? t("shareIntroStartingPoint")
        : t("shareIntroModel");
  return (
    <details className="rounded-lg border border-stone-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">{t("share")}</summary>
      <div className="mt-3 space-y-2">
        <p className="text-stone-700">{intro}</p>
        <label htmlFor={id} className="block font-medium">
          {t("embedCode")}
        </label>
        <textarea
          id={id}
          readOnly
          rows={3}
          defaultValue={snippet}
          className="w-full rounded border border-stone-300 p-2 font-mono text-sm"
        />
        <CopyButton
          targetId={id}
          labels={{ copy: t("copy"), copied: t("copied"), failed: t("copyFailed") }}
        />
        <p className="break-words text-sm text-stone-600">{t("oembedHint", { url: page })}</p>
      </div>
    </details>
  );
}
