import { getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/i18n/actions";
import { PendingButton } from "./forms/pending-button";

/** Works without JavaScript: each language is a submit button of one small form. */
export async function LanguageSwitcher({ current }: { current: string }) {
  const t = await getTranslations("nav");
  const options = [
    { locale: "en", label: t("english") },
    { locale: "nl", label: t("dutch") },
  ];
  return (
    <form action={setLocale} className="flex items-center gap-1 text-sm">
      {options.map((option) => (
        <PendingButton
          key={option.locale}
          name="locale"
          value={option.locale}
          lang={option.locale}
          aria-pressed={option.locale === current}
          className={
            option.locale === current
              ? "rounded bg-stone-200 px-2 py-1 font-semibold text-stone-900"
              : "rounded px-2 py-1 text-stone-700 hover:bg-stone-100"
          }
        >
          {option.label}
        </PendingButton>
      ))}
    </form>
  );
}
