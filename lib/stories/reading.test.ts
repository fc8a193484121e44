import { describe, expect, it } from "vitest";
import { chooseVersion } from "./reading";

const original = { language: "nl", title: "Origineel", summary: "", trigger: "" };
const english = { language: "en", title: "Translation", summary: "", trigger: "" };

describe("chooseVersion", () => {
  it("shows the interface language's version when there is one", () => {
    expect(chooseVersion(original, [english], "en")).toMatchObject({
      version: english,
      translated: true,
      languages: ["nl", "en"],
    });
    expect(chooseVersion(original, [english], "nl")).toMatchObject({ version: original, translated: false });
    expect(chooseVersion(original, [], "en")).toMatchObject({
      version: original,
      translated: false,
      languages: ["nl"],
    });
  });

  it("follows ?lang= when that version exists, and ignores it otherwise", () => {
    expect(chooseVersion(original, [english], "en", "nl").version).toBe(original);
    expect(chooseVersion(original, [english], "nl", "en").version).toBe(english);
    expect(chooseVersion(original, [], "en", "en").version).toBe(original);
    expect(chooseVersion(original, [english], "nl", "fr").version).toBe(original);
  });

  it("never lets a translation in the original's language replace it", () => {
    const sameLanguage = { ...english, language: "nl" };
    expect(chooseVersion(original, [sameLanguage], "nl")).toMatchObject({
      version: original,
      languages: ["nl"],
    });
  });
});
