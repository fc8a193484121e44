import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { canComment, canDeleteComment, canEditComment, canEditStory, canViewStory } from "@/lib/auth/permissions";
import { negotiateLocale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { decodeCursor, decodeKeyset, encodeCursor } from "@/lib/pagination/cursor";
import { slugify, storySlug } from "@/lib/stories/slug";

describe("slugs", () => {
  it("makes readable ASCII slugs", () => {
    expect(slugify("Samenwerken over grenzen: één netwerk!")).toBe("samenwerken-over-grenzen-een-netwerk");
    expect(slugify("   ")).toBe("story");
    expect(slugify("a".repeat(100)).length).toBeLessThanOrEqual(60);
  });

  it("gives two stories with one title different slugs", () => {
    const a = storySlug("Our journey");
    const b = storySlug("Our journey");
    expect(a).toMatch(/^our-journey-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });
});

describe("locale negotiation", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["nl-NL,nl;q=0.9,en;q=0.8", "nl"],
    ["de-DE,de;q=0.9,nl;q=0.5", "nl"],
    ["en;q=0.5,nl;q=0.8", "nl"],
    ["fr,de", "en"],
    ["nl;q=0", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("keyset cursors", () => {
  it("round-trips", () => {
    const cursor = { at: new Date("2026-01-02T03:04:05.678Z"), id: "abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each(["", "not-base64!", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["nope","x"]').toString("base64url")])(
    "treats %j as no cursor",
    (value) => {
      expect(decodeCursor(value)).toBeNull();
    },
  );

  it("treats a cursor that spells a NUL as no cursor, in either kind", () => {
    const spelled = (json: string) => Buffer.from(json).toString("base64url");
    expect(decodeCursor(spelled('["2026-01-02T03:04:05Z","a\\u0000b"]'))).toBeNull();
    expect(decodeKeyset(spelled('["new",["2026-01-02"],"a\\u0000"]'), "new", 1)).toBeNull();
    expect(decodeKeyset(spelled('["new",["x\\u0000"],"a"]'), "new", 1)).toBeNull();
    expect(decodeKeyset(spelled('["new",["2026-01-02"],"a"]'), "new", 1)).toEqual({ sort: "new", values: ["2026-01-02"], id: "a" });
  });
});

describe("callback URLs", () => {
  it.each([
    ["/stories/new", "/stories/new"],
    ["/stories?sp=using-knowledge", "/stories?sp=using-knowledge"],
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    [undefined, "/"],
    // Browsers and the WHATWG parser drop tab, CR and LF: these are "//evil.example".
    ["/\t/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["\t//evil.example", "/"],
    [" //evil.example", "/"],
    ["/\t\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["evil.example", "/"],
    ["http:evil.example", "/"],
    // Other control and non-Latin-1 characters stay on the site, percent-encoded for Location.
    ["/stories\u0000?q=\u0001x", "/stories%00?q=%01x"],
    ["/stories?q=\u2028bike", "/stories?q=%E2%80%A8bike"],
    ["/members/\u0410lice#top", "/members/%D0%90lice#top"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
    expect(safeCallbackUrl(input)).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
  });

  it("accepts absolute URLs only on the given origin", () => {
    expect(safeCallbackUrl("https://site.example/stories#x", "https://site.example")).toBe("/stories#x");
    expect(safeCallbackUrl("https://site.example.evil/stories", "https://site.example")).toBe("/");
    expect(safeCallbackUrl("https://site.example@evil.example/", "https://site.example")).toBe("/");
  });
});

describe("permissions", () => {
  const author = { id: "author", role: "member" as const };
  const other = { id: "other", role: "member" as const };
  const moderator = { id: "mod", role: "moderator" as const };

  it("hides drafts from everyone but their author", () => {
    const draft = { authorId: "author", status: "draft" as const };
    expect(canViewStory(author, draft)).toBe(true);
    expect(canViewStory(other, draft)).toBe(false);
    expect(canViewStory(null, draft)).toBe(false);
    expect(canViewStory(null, { ...draft, status: "published" })).toBe(true);
  });

  it("lets authors and moderators edit a story, nobody else; moderators not a draft", () => {
    const story = { authorId: "author", authorRole: "member" as const, status: "published" as const };
    expect(canEditStory(author, story)).toBe(true);
    expect(canEditStory(moderator, story)).toBe(true);
    expect(canEditStory(other, story)).toBe(false);
    expect(canEditStory(null, story)).toBe(false);
    expect(canEditStory(other, { ...story, authorId: null, authorRole: null })).toBe(false);
    expect(canEditStory(author, { ...story, status: "draft" })).toBe(true);
    expect(canEditStory(moderator, { ...story, status: "draft" })).toBe(false);
  });

  it("lets members comment on published stories only", () => {
    expect(canComment(other, { status: "published" })).toBe(true);
    expect(canComment(other, { status: "draft" })).toBe(false);
    expect(canComment(null, { status: "published" })).toBe(false);
  });

  it("lets only the author edit a comment; moderators may also delete it", () => {
    const comment = { authorId: "author", authorRole: "member" as const, deletedAt: null };
    const story = { status: "published" as const };
    expect(canEditComment(author, comment)).toBe(true);
    expect(canEditComment(moderator, comment)).toBe(false);
    expect(canDeleteComment(moderator, comment, story)).toBe(true);
    expect(canDeleteComment(other, comment, story)).toBe(false);
    expect(canEditComment(author, { ...comment, deletedAt: new Date() })).toBe(false);
  });
});

describe("message catalogues", () => {
  const keys = (node: object, prefix = ""): string[] =>
    Object.entries(node).flatMap(([key, value]) => (typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));

  it("have the same keys in English and Dutch", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });
});
