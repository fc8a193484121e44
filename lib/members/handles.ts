/*
 * Handles: the member's address (/members/<handle>), derived from the display name at sign-up.
 *
 * - Cyrillic and Greek letters are transliterated ("Алиса" → "alisa"), so a name in those
 *   scripts keeps its handle and a look-alike letter is not silently dropped ("Аlice" with a
 *   Cyrillic А became "lice"). A word with letters of any other script that cannot be written
 *   in a–z is left out whole, never in part: a handle is never a word with letters missing.
 * - Role and route words are reserved: a newcomer called "Admin" or "Settings" gets "admin-2",
 *   not a handle that reads as the site's own. The route words are the static segments under
 *   app/ (lib/members/handles.test.ts checks that every one is here).
 */

// Common romanisations (ISO 9 / BGN-like, simplified to a–z).
const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
  ў: "u",
  ј: "j",
  љ: "lj",
  њ: "nj",
  ћ: "c",
  ђ: "d",
  џ: "dz",
  ѕ: "dz",
  ќ: "k",
  ѓ: "g",
  ә: "a",
  ө: "o",
  ү: "u",
  ұ: "u",
  қ: "k",
  ғ: "g",
  ң: "n",
  һ: "h",
};
const GREEK: Record<string, string> = {
  α: "a",
  β: "b",
  γ: "g",
  δ: "d",
  ε: "e",
  ζ: "z",
  η: "i",
  θ: "th",
  ι: "i",
  κ: "k",
  λ: "l",
  μ: "m",
  ν: "n",
  ξ: "x",
  ο: "o",
  π: "p",
  ρ: "r",
  σ: "s",
  ς: "s",
  τ: "t",
  υ: "y",
  φ: "f",
  χ: "ch",
  ψ: "ps",
  ω: "o",
};

const ROLE_WORDS = [
  "admin",
  "administrator",
  "moderator",
  "moderators",
  "mod",
  "member",
  "staff",
  "system",
  "root",
  "support",
  "vertrekpunt",
  "official",
  "team",
  "help",
  "me",
  "you",
  "anonymous",
  "deleted",
  "null",
  "undefined",
];

// The static segments under app/, as handles, and what they are called without an extension.
const ROUTE_WORDS = [
  "account",
  "admin",
  "api",
  "audit",
  "auth",
  "check-email",
  "comments",
  "comments-xml",
  "confirm",
  "done",
  "edit",
  "email",
  "embed",
  "export",
  "export-csv",
  "export-json",
  "feed",
  "feed-xml",
  "forgot-password",
  "health",
  "history",
  "link",
  "members",
  "model",
  "moderation",
  "moderation-log",
  "new",
  "notifications",
  "oembed",
  "openapi",
  "openapi-json",
  "privacy",
  "profile",
  "proposals",
  "reference",
  "related",
  "report",
  "reset-password",
  "settings",
  "signin",
  "signup",
  "starting-points",
  "stories",
  "translate",
  "triggers",
  "unsubscribe",
  "v1",
  "verify-email",
  "welcome",
  // Files Next serves from app/ itself, and its own prefix.
  "robots",
  "sitemap",
  "icon",
  "apple-icon",
  "favicon",
  "opengraph-image",
  "twitter-image",
  "manifest",
  "next",
];

export const RESERVED_HANDLES: ReadonlySet<string> = new Set([...ROLE_WORDS, ...ROUTE_WORDS]);

export function isReservedHandle(handle: string): boolean {
  return RESERVED_HANDLES.has(handle.toLowerCase());
}

const HANDLE_BASE_MAX = 30;

/** One word in a–z0–9, or "" when it has letters that cannot be written so. */
function romanise(word: string): string {
  const latin = word
    .toLowerCase()
    // Accents off first (ί → ι, é → e), then the letters looked up without them.
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/./gu, (char) => CYRILLIC[char] ?? GREEK[char] ?? char)
    // Letters that do not decompose (ß, æ, ø, ł, đ, þ).
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/đ/g, "d")
    .replace(/þ/g, "th")
    .replace(/ı/g, "i");
  return /^[a-z0-9]+$/.test(latin) ? latin : "";
}

/** "Anna de Vries" → "anna-de-vries"; "Алиса Петрова" → "alisa-petrova"; nothing usable → "member". */
export function handleBase(name: string): string {
  // NFKC folds full-width and compatibility forms (ａｄｍｉｎ) into their plain letters.
  const words = name
    .normalize("NFKC")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .map(romanise)
    .filter(Boolean);
  let base = "";
  for (const word of words) {
    const next = base ? `${base}-${word}` : word;
    if (next.length > HANDLE_BASE_MAX) break;
    base = next;
  }
  // A single word longer than the limit is cut rather than lost.
  if (!base && words[0]) base = words[0].slice(0, HANDLE_BASE_MAX);
  return base || "member";
}

/** The handles to try, in order: the base unless it is reserved, then numbered ones, then random ones. */
export function handleCandidate(base: string, attempt: number): string {
  const first = isReservedHandle(base) ? 1 : 0;
  const n = attempt + first;
  if (n === 0) return base;
  if (n < 10) return `${base}-${n + 1}`;
  return `${base}-${crypto.randomUUID().slice(0, 6)}`;
}
