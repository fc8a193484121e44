import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { StoryStatusNotice } from "./story-status-notice";

// The English catalogue, as next-intl would give it to the component in a request.
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: "stories") =>
    createTranslator({ locale: "en", messages: en, namespace }),
}));

async function notice(
  status: "draft" | "pending" | "published" | "hidden",
  moderationReason: string | null = null,
) {
  return renderToStaticMarkup(await StoryStatusNotice({ status, moderationReason }));
}

describe("the notice at the top of a story readers cannot see", () => {
  it("says a draft is a draft, and why a moderator sent it back", async () => {
    expect(await notice("draft")).toContain("This story is a draft: only you can see it.");
    expect(await notice("draft", "Add the organisation")).toContain(
      "A moderator sent this story back: Add the organisation",
    );
  });

  it("says a pending story waits for a moderator, announced as a status", async () => {
    const html = await notice("pending");
    expect(html).toContain('role="status"');
    expect(html).toContain("This story waits for a moderator&#x27;s approval.");
  });

  it("tells a story hidden by a moderator, with the reason, from one hidden after reports", async () => {
    const byModerator = await notice("hidden", "Personal data");
    expect(byModerator).toContain("Moderators hid this story.");
    expect(byModerator).toContain("Personal data");
    expect(await notice("hidden")).toContain("This story was hidden after several reports");
  });

  it("says nothing on a published story", async () => {
    expect(await notice("published")).toBe("");
  });
});
