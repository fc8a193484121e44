"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { previewMarkdownAction } from "@/lib/stories/actions";
import { FieldError, FieldHint, describedBy, inputClass } from "./forms/fields";

/**
 * A Markdown textarea with a Preview that the server renders with the same sanitiser as the
 * story page, so what the author previews is exactly what readers will see.
 */
export function MarkdownEditor({
  id,
  name,
  label,
  hint,
  defaultValue,
  errors,
  rows = 14,
  previewLabel,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  errors?: string[];
  rows?: number;
  /** The preview's accessible name; the story form's by default. */
  previewLabel?: string;
}) {
  const t = useTranslations("storyForm");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [previewing, setPreviewing] = useState(false);
  const [html, setHtml] = useState("");
  const [pending, startTransition] = useTransition();

  function showPreview() {
    const markdown = textarea.current?.value ?? "";
    setPreviewing(true);
    startTransition(async () => setHtml(markdown.trim() ? await previewMarkdownAction(markdown) : ""));
  }

  const tabClass = (active: boolean) =>
    `rounded-t border border-b-0 px-3 py-1 text-sm ${active ? "border-stone-400 bg-white font-semibold" : "border-transparent text-stone-700 hover:bg-stone-100"}`;

  return (
    <div>
      <div className="flex items-end justify-between gap-4">
        <label htmlFor={id} className="block font-medium text-stone-900">
          {label}
        </label>
        <div className="flex gap-1">
          <button
            type="button"
            aria-pressed={!previewing}
            onClick={() => setPreviewing(false)}
            className={tabClass(!previewing)}
          >
            {t("write")}
          </button>
          <button
            type="button"
            aria-pressed={previewing}
            onClick={showPreview}
            className={tabClass(previewing)}
          >
            {t("preview")}
          </button>
        </div>
      </div>
      <FieldHint id={id}>{hint}</FieldHint>
      <textarea
        ref={textarea}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        hidden={previewing}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={`${inputClass} font-mono text-sm`}
      />
      {previewing ? (
        <section
          aria-label={previewLabel ?? t("previewLabel")}
          aria-live="polite"
          aria-busy={pending}
          className="mt-1 min-h-40 rounded border border-stone-400 bg-white p-4"
        >
          {pending ? (
            <p className="text-stone-600">…</p>
          ) : html ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="text-stone-600">{t("previewEmpty")}</p>
          )}
        </section>
      ) : null}
      <FieldError id={id} errors={errors} />
    </div>
  );
}
