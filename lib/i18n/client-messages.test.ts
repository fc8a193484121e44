import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessageKeys, pickMessages } from "./client-message-keys";
import keys from "./client-message-keys.json";
import { clientMessages } from "./client-messages";
import { clientComponentSources } from "./client-sources";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("messages sent to the browser", () => {
  it("are the keys the client components use now (else run `npm run i18n:client-keys`)", () => {
    expect(keys).toEqual(clientMessageKeys(clientComponentSources(ROOT)));
  });

  it("exist in both catalogues, and leave most of the catalogue on the server", () => {
    for (const catalogue of [en, nl]) {
      const picked = clientMessages(catalogue);
      for (const pattern of keys.filter((key) => !key.endsWith("*"))) {
        const value = pattern.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], picked);
        expect(value, pattern).toBeDefined();
      }
      expect("mail" in picked).toBe(false);
      expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(catalogue).length / 3);
    }
  });

  it("cover every key a validation refinement names (the error map translates them in the browser)", () => {
    const named = ["lib/members/schema.ts", "lib/moderation/schema.ts", "lib/stories/schema.ts", "lib/comments/schema.ts", "lib/model/schema.ts", "lib/auth/schema.ts"]
      .flatMap((file) => {
        try {
          return [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/params:\s*\{\s*key:\s*"([\w.]+)"/g)].map((match) => match[1]);
        } catch {
          return [];
        }
      });
    const picked = clientMessages(en);
    for (const key of named) expect(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], picked), key).toBeDefined();
  });
});

describe("finding the keys in client components", () => {
  it("keeps literal keys, template prefixes, and whole namespaces for any other use", () => {
    const source = `"use client";
      export function A() { const t = useTranslations("stories"); return [t("title"), t(\`sort_\${x}\`), t.rich("intro", {})]; }
      export function B() { const tTypes = useTranslations("organisationTypes"); return list.map((value) => tTypes(value)); }`;
    expect(clientMessageKeys([source])).toEqual(["organisationTypes", "stories.intro", "stories.sort_*", "stories.title"]);
  });

  it("takes a file's declared keys for a translator whose keys the source does not show", () => {
    const source = `"use client";
      // client-messages: validation settings.websiteInvalid
      export function useForm() { const t = useTranslations(); return errorMap(t); }`;
    expect(clientMessageKeys([source])).toEqual(["settings.websiteInvalid", "validation"]);
  });

  it("picks exactly what the patterns name", () => {
    const messages = { a: { x: "1", sort_new: "2", sort_old: "3", other: "4" }, b: { y: "5" }, c: { z: "6" } };
    expect(pickMessages(messages, ["a.x", "a.sort_*", "b"])).toEqual({ a: { x: "1", sort_new: "2", sort_old: "3" }, b: { y: "5" } });
  });
});
