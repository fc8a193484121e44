import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessageKeys, pickMessages } from "./client-message-keys";
import plan from "./client-message-keys.json";
import { clientMessagePlan } from "./client-message-plan";
import { frameMessages, pageMessages } from "./client-messages";
import { clientModulesOf, pageFiles } from "./client-sources";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const pages = Object.keys(plan.pages) as (keyof typeof plan.pages)[];
const onDemandPages = Object.keys(plan.onDemand) as (keyof typeof plan.onDemand)[];
const at = (messages: unknown, key: string) =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe("messages sent to the browser", () => {
  it("are the keys each page's client components use now (else run `npm run i18n:client-keys`)", () => {
    expect(plan).toEqual(clientMessagePlan(ROOT));
  });

  it("exist in both catalogues", () => {
    for (const catalogue of [en, nl]) {
      for (const [messages, patterns] of [
        [frameMessages(catalogue), plan.frame],
        ...pages.map((page) => [pageMessages(catalogue, page), plan.pages[page]] as const),
        ...onDemandPages.map(
          (page) => [pageMessages(catalogue, page, { onDemand: true }), plan.onDemand[page]] as const,
        ),
      ] as const) {
        for (const pattern of patterns.filter((key) => !key.endsWith("*")))
          expect(at(messages, pattern), pattern).toBeDefined();
        expect("mail" in messages).toBe(false);
      }
    }
  });

  it("travel only with the pages whose client components use them", () => {
    // The home page renders no client component that translates: it carries only what is around it.
    expect(pages).not.toContain("app/page.tsx");
    expect(JSON.stringify(frameMessages(en)).length).toBeLessThan(2_000);
    const story = pageMessages(en, "app/stories/[slug]/page.tsx");
    expect(story).toHaveProperty("comments");
    for (const elsewhere of ["auth", "moderation", "notificationSettings"])
      expect(story).not.toHaveProperty(elsewhere);
    // The comment form is loaded on demand: its strings only when the page asks for them, and
    // then its Markdown editor's, not the story form's.
    expect(story).not.toHaveProperty("storyForm");
    expect(story).not.toHaveProperty("validation");
    const member = pageMessages(en, "app/stories/[slug]/page.tsx", { onDemand: true });
    expect(member).toHaveProperty("validation");
    expect(member.comments).toMatchObject({ reply: "Reply", post: "Post comment" });
    expect(Object.keys(member.storyForm ?? {}).sort()).toEqual([
      "preview",
      "previewEmpty",
      "previewLabel",
      "write",
    ]);
    expect(pageMessages(en, "app/signin/page.tsx")).not.toHaveProperty("comments");
  });

  it("reach their page's client components: each page with keys wraps what it renders in <PageMessages> naming itself", () => {
    for (const page of pageFiles(ROOT)) {
      const wraps = readFileSync(path.join(ROOT, page), "utf8").includes(`<PageMessages page="${page}"`);
      expect(wraps, page).toBe(page in plan.pages || page in plan.onDemand);
    }
  });

  it("cover every key a validation refinement names on every page with a form (the error map translates them in the browser)", () => {
    const named = [
      "lib/members/schema.ts",
      "lib/moderation/schema.ts",
      "lib/stories/schema.ts",
      "lib/comments/schema.ts",
      "lib/model/schema.ts",
      "lib/auth/schema.ts",
    ].flatMap((file) => {
      try {
        return [
          ...readFileSync(path.join(ROOT, file), "utf8").matchAll(/params:\s*\{\s*key:\s*"([\w.]+)"/g),
        ].map((match) => match[1]);
      } catch {
        return [];
      }
    });
    expect(named.length).toBeGreaterThan(0);
    for (const page of pages.filter((page) => plan.pages[page].includes("validation"))) {
      const messages = pageMessages(en, page);
      for (const key of named) expect(at(messages, key), `${key} on ${page}`).toBeDefined();
    }
  });
});

describe("finding the client components of a page", () => {
  it("follows static and dynamic imports through server modules, not type-only imports or packages; static ones alone when asked", () => {
    const root = mkdtempSync(path.join(tmpdir(), "client-sources-"));
    const write = (file: string, source: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), source);
    };
    write(
      "app/page.tsx",
      `import { Panel } from "@/components/panel";\nimport type { Shape } from "@/components/typed";\nimport Link from "next/link";`,
    );
    write(
      "components/panel.tsx",
      `import { Button } from "./button";\nconst Chart = dynamic(() => import("./chart"));`,
    );
    write("components/button.tsx", `"use client";\nimport { Icon } from "./icon";`);
    write("components/icon.tsx", `"use client";\nexport const Icon = 1;`);
    write("components/chart.tsx", `"use client";\nexport default 1;`);
    write("components/typed.tsx", `"use client";\nexport type Shape = 1;`);
    write("components/unused.tsx", `"use client";\nexport const Unused = 1;`);
    expect(clientModulesOf(root, ["app/page.tsx"])).toEqual([
      "components/button.tsx",
      "components/chart.tsx",
      "components/icon.tsx",
    ]);
    expect(clientModulesOf(root, ["app/page.tsx"], { onDemand: false })).toEqual([
      "components/button.tsx",
      "components/icon.tsx",
    ]);
  });
});

describe("finding the keys in client components", () => {
  it("keeps literal keys, template prefixes, and whole namespaces for any other use", () => {
    const source = `"use client";
      export function A() { const t = useTranslations("stories"); return [t("title"), t(\`sort_\${x}\`), t.rich("intro", {})]; }
      export function B() { const tTypes = useTranslations("organisationTypes"); return list.map((value) => tTypes(value)); }`;
    expect(clientMessageKeys([source])).toEqual([
      "organisationTypes",
      "stories.intro",
      "stories.sort_*",
      "stories.title",
    ]);
  });

  it("does not take a class name or a word ending in the translator's name for a use of it", () => {
    const source = `"use client";
      export function A() { const t = useTranslations("storyForm"); return <p className="rounded-t border" title="don't">{t("write")}</p>; }`;
    expect(clientMessageKeys([source])).toEqual(["storyForm.write"]);
  });

  it("takes a file's declared keys for a translator whose keys the source does not show", () => {
    const source = `"use client";
      // client-messages: validation settings.websiteInvalid
      export function useForm() { const t = useTranslations(); return errorMap(t); }`;
    expect(clientMessageKeys([source])).toEqual(["settings.websiteInvalid", "validation"]);
  });

  it("picks exactly what the patterns name", () => {
    const messages = {
      a: { x: "1", sort_new: "2", sort_old: "3", other: "4" },
      b: { y: "5" },
      c: { z: "6" },
    };
    expect(pickMessages(messages, ["a.x", "a.sort_*", "b"])).toEqual({
      a: { x: "1", sort_new: "2", sort_old: "3" },
      b: { y: "5" },
    });
  });
});
