import { randomBytes } from "node:crypto";

const SLUG_BASE_MAX = 60;

/** "Samenwerken over grenzen: één netwerk!" → "samenwerken-over-grenzen-een-netwerk" */
export function slugify(text: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_BASE_MAX)
    .replace(/-+$/g, "");
  return base || "story";
}

/**
 * A readable slug with a short random suffix: unique without a look-up, and a title that
 * many stories share ("Our journey") still gets its own address.
 */
export function storySlug(title: string): string {
  const suffix = randomBytes(4).toString("hex").slice(0, 6);
  return `${slugify(title)}-${suffix}`;
}
