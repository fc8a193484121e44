import "server-only";
import { resolveLocale } from "@/lib/i18n/request";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** `?lang=nl|en` when given, else the visitor's language as every page picks it (cookie, then browser). */
export async function embedLocale(searchParams: URLSearchParams): Promise<Locale> {
  const lang = searchParams.get("lang");
  return isLocale(lang) ? lang : resolveLocale();
}
