import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

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
