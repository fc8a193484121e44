"use server";

import { cookies } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { setMemberLocale } from "@/lib/members/account";
import { formText } from "@/lib/validation/form-data";
import { isLocale, LOCALE_COOKIE } from "./locales";

/**
 * The language switcher: remembered for a year, the page re-renders in the new language. For a
 * signed-in member it also becomes the language of the mail the site sends them (users.locale).
 */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formText(formData, "locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const user = await currentUser();
  if (user) await setMemberLocale(user.id, locale);
}
