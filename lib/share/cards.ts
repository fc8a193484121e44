import "server-only";
import { getTranslations } from "next-intl/server";
import { startingPointColor } from "@/lib/starting-points/color";
import { getReaderLocale } from "@/lib/i18n/server";
import { getStartingPoint } from "@/lib/starting-points/queries";
import { getStoryBySlug } from "@/lib/stories/story";
import type { ShareCard } from "./card-image";
import { startingPointPair } from "@/lib/starting-points/pair";

/*
 * What the share images show. Images are public and carry no session, so a story's card
 * exists only once it is published: a draft or unknown slug gives null (→ 404).
 */

export async function storyShareCard(slug: string): Promise<ShareCard | null> {
  const locale = await getReaderLocale();
  const story = await getStoryBySlug(slug, locale);
  if (!story || story.status !== "published") return null;
  const t = await getTranslations({ locale, namespace: "meta" });
  const tags = [...story.startingPoints].sort((a, b) => a.position - b.position);
  return {
    siteName: t("siteName"),
    eyebrow: { text: story.organisation },
    title: [{ text: story.title }],
    subtitle: story.summary || undefined,
    colors: tags.map((tag) => startingPointColor(tag.position)),
    tags: tags.map(({ name, position }) => ({ name, position })),
  };
}

/** One starting point, or the intersection "a+b" of two. */
export async function startingPointShareCard(slug: string): Promise<ShareCard | null> {
  const locale = await getReaderLocale();
  const [tMeta, t] = await Promise.all([
    getTranslations({ locale, namespace: "meta" }),
    getTranslations({ locale, namespace: "startingPoints" }),
  ]);
  const pair = startingPointPair(slug);
  if (pair) {
    const [a, b] = await Promise.all(pair.map((s) => getStartingPoint(s, locale)));
    if (!a || !b) return null;
    return {
      siteName: tMeta("siteName"),
      eyebrow: { text: `${t("title")} ${a.position} + ${b.position}` },
      title: [
        { text: a.name, color: startingPointColor(a.position) },
        { text: `+ ${b.name}`, color: startingPointColor(b.position) },
      ],
      colors: [a, b].map((sp) => startingPointColor(sp.position)),
    };
  }
  const startingPoint = await getStartingPoint(slug, locale);
  if (!startingPoint) return null;
  const color = startingPointColor(startingPoint.position);
  return {
    siteName: tMeta("siteName"),
    eyebrow: { text: `${t("startingPoint")} ${startingPoint.position}`, color },
    title: [{ text: startingPoint.name }],
    subtitle: startingPoint.tagline,
    colors: [color],
  };
}
