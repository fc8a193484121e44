"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { SuggestionView } from "@/lib/model/suggest";
import { suggestStartingPointsAction } from "@/lib/model/suggest-actions";
import { startingPointColor } from "@/lib/starting-points/color";

/** The fields the model reads; typing in any of them asks again. */
const TEXT_FIELDS = ["title", "organisation", "summary", "body", "trigger", "language"] as const;
/** Long enough not to ask on every keystroke, short enough to feel live. */
const DEBOUNCE_MS = 700;

/**
 * Starting points the story's text resembles (decision 026). With JavaScript they follow the
 * text a moment after the author stops typing; without it, the button submits the form to its
 * own action, which answers with the same suggestions and everything typed. Nothing here ticks
 * a box: the author decides.
 */
export function SuggestedStartingPoints({ initial }: { initial: SuggestionView[] | null }) {
  const t = useTranslations("suggestions");
  const format = useFormatter();
  const ref = useRef<HTMLElement>(null);
  const [suggestions, setSuggestions] = useState<SuggestionView[] | null>(initial);
  const [updating, setUpdating] = useState(false);
  const latest = useRef(0);
  const ask = useRef<() => void>(() => undefined);

  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      clearTimeout(timer);
      const request = ++latest.current;
      const data = new FormData(form);
      const input = Object.fromEntries(TEXT_FIELDS.map((name) => [name, String(data.get(name) ?? "")]));
      setUpdating(true);
      try {
        const found = await suggestStartingPointsAction(input);
        // An older answer arriving after a newer question is dropped.
        if (request === latest.current) setSuggestions(found);
      } catch {
        // Offline or a new deploy: the last suggestions stay, and saving still works.
      } finally {
        if (request === latest.current) setUpdating(false);
      }
    };
    ask.current = () => void run();
    const onInput = (event: Event) => {
      const name = (event.target as HTMLInputElement | null)?.name;
      if (!name || !(TEXT_FIELDS as readonly string[]).includes(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
    };
  }, []);

  function suggestNow(event: MouseEvent<HTMLButtonElement>) {
    // With JavaScript the answer comes in place; the form is not submitted.
    event.preventDefault();
    ask.current();
  }

  return (
    <section
      ref={ref}
      aria-labelledby="suggestions-heading"
      className="space-y-3 rounded-lg border border-stone-300 bg-brand-50 p-4"
    >
      <h2 id="suggestions-heading" className="font-semibold text-stone-900">
        {t("heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("hint")}</p>
      <div aria-live="polite" aria-busy={updating}>
        {suggestions && suggestions.length > 0 ? (
          <ul className="space-y-2">
            {suggestions.map((s) => (
              <li
                key={s.slug}
                className="rounded border-l-4 bg-white p-3"
                style={{ borderLeftColor: startingPointColor(s.position) }}
              >
                <span className="font-medium text-stone-900">{s.name}</span>{" "}
                <span className="text-sm text-stone-700">
                  {t("confidence", { percent: format.number(s.confidence, { style: "percent" }) })}
                </span>
                {s.words.length > 0 ? (
                  <span className="mt-1 block text-sm text-stone-700">
                    {t("words", { words: s.words.join(", ") })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-700">{suggestions === null ? t("startWriting") : t("none")}</p>
        )}
      </div>
      <button
        type="submit"
        name="intent"
        value="suggest"
        formNoValidate
        onClick={suggestNow}
        className="rounded border border-stone-400 bg-white px-3 py-1.5 text-sm text-stone-900 hover:bg-stone-100"
      >
        {t("button")}
      </button>
    </section>
  );
}
