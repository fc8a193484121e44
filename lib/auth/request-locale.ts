import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";

/*
 * The request's language, by the rule of lib/i18n/request.ts (the switcher's cookie, then the
 * browser's preference), read directly so it also works where no next-intl request config is
 * set up (inside Auth.js, in tests). Mail asked for by the person at the keyboard (a sign-in
 * link, a confirmation link) follows it; mail caused by others uses users.locale.
 */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}
