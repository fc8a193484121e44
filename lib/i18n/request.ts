import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";

// No locale in the URL: the language switcher's cookie wins, then the browser's preference.
export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async ({ locale: requested }) => {
  // A language named in the call (`getTranslations({ locale })`: an embed's ?lang=) wins; without
  // this, next-intl would translate such a call into the reader's language after all.
  const locale = isLocale(requested) ? requested : await resolveLocale();
  return {
    locale,
    messages: (await import(`./messages/${locale}.json`)).default,
    timeZone: "Europe/Amsterdam",
  };
});
