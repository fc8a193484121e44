import "server-only";
import { cookies } from "next/headers";
import { FLASH_COOKIE, type FlashKey } from "./flash-keys";

/*
 * What an action that ends in a redirect (publish, save a draft, sign up) did, for the page it
 * lands on to say (components/flash-message.tsx): a short-lived cookie the browser reads once
 * and removes. Not HttpOnly on purpose: it holds one of a few fixed words and nothing else.
 */
export async function setFlash(key: FlashKey): Promise<void> {
  (await cookies()).set(FLASH_COOKIE, key, { path: "/", maxAge: 60, sameSite: "lax", httpOnly: false });
}
