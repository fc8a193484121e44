import "server-only";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/auth/public-origin";
import { env } from "@/lib/env";

/**
 * The public origin for absolute links in pages, feeds and mail sent during a request
 * (lib/auth/public-origin.ts says how it is chosen: SITE_URL, never a forwarded header). With
 * SITE_URL the request is not read at all, so code outside a request can call this too.
 */
export async function siteOrigin(): Promise<string> {
  const settings = env();
  if (settings.SITE_URL) return settings.SITE_URL;
  return publicOrigin(await headers(), settings);
}
