import { displayNameField } from "../auth/schema";
import { z } from "../validation/zod";

/*
 * The public profile, shared by the settings form and the action. Everything but the name is
 * optional; an empty field clears it.
 */

export const PROFILE_ORGANISATION_MAX = 120; // As a story's organisation.
// A few sentences: the profile page is about the stories, not a CV.
export const BIO_MAX = 500;
export const WEBSITE_MAX = 200;

/**
 * A website as typed ("example.org", " https://Example.org/about ") in one stored form, or null
 * when it is no http(s) address of a host with a domain. Other schemes (javascript:, data:,
 * mailto:) never become a link on the profile page.
 */
export function normaliseWebsite(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // A name like "localhost" or "intranet" is nobody's public website; user:password@ is a trap.
  if (!url.hostname.includes(".") || url.hostname.endsWith(".") || url.username || url.password) return null;
  return url.href;
}

export const websiteField = z
  .string()
  .trim()
  .max(WEBSITE_MAX)
  .transform((value, ctx) => {
    const normalised = normaliseWebsite(value);
    if (normalised === null) {
      ctx.issues.push({ code: "custom", input: value, params: { key: "settings.websiteInvalid" } });
      return z.NEVER;
    }
    return normalised;
  })
  // The normalised form can be a little longer than what was typed (scheme, trailing slash).
  .pipe(z.string().max(WEBSITE_MAX + 10));

export const profileSchema = z.object({
  name: displayNameField,
  organisation: z.string().trim().max(PROFILE_ORGANISATION_MAX),
  bio: z.string().trim().max(BIO_MAX),
  website: websiteField,
});
export type ProfileInput = z.infer<typeof profileSchema>;
export type ProfileValues = { name: string; organisation: string; bio: string; website: string };
