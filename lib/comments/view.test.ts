import { describe, expect, it } from "vitest";
import type { CommentView } from "./queries";
import { commentItemView, type CommentReader } from "./view";

const author = { id: "author", role: "member" as const };
const stranger = { id: "stranger", role: "member" as const };
const moderator = { id: "mod", role: "moderator" as const };

const at = new Date("2026-11-01T10:00:00Z");
function comment(overrides: Partial<CommentView> = {}): CommentView & { html: string } {
  return {
    id: "c1",
    body: "**Source** text",
    html: "<p><strong>Source</strong> text</p>",
    createdAt: at,
    updatedAt: at,
    authorId: "author",
    authorRole: "member",
    author: { name: "Ann", handle: "ann" },
    hidden: null,
    deleted: false,
    usefulCount: 3,
    ...overrides,
  };
}

function reader(overrides: Partial<CommentReader> = {}): CommentReader {
  let n = 0;
  return {
    user: null,
    story: { id: "s1", slug: "a-story", status: "published" },
    conversation: { commentsClosed: false, lockedAt: null },
    mayComment: false,
    markedUseful: new Set(),
    commentsPage: "/stories/a-story?",
    replyParam: null,
    newKey: () => `key-${++n}`,
    ...overrides,
  };
}

describe("commentItemView", () => {
  it("gives a visitor the words and the count, nothing to act with and not the Markdown source", () => {
    // Exactly these fields: the page sends every one of them twice, for each comment.
    expect(commentItemView(comment(), null, reader())).toEqual({
      id: "c1",
      html: "<p><strong>Source</strong> text</p>",
      createdAt: at,
      author: { name: "Ann", handle: "ann" },
      useful: { count: 3 },
    });
  });

  it("leaves out the author of a comment whose account is gone", () => {
    expect(commentItemView(comment({ author: null }), null, reader())).not.toHaveProperty("author");
  });

  it("gives its author the source to edit, and delete, but no report link", () => {
    const view = commentItemView(comment(), null, reader({ user: author, mayComment: true }));
    expect(view).toMatchObject({ body: "**Source** text", canEdit: true, canDelete: true });
    expect(view).not.toHaveProperty("reportHref");
    expect(view.reply).toEqual({
      storyId: "s1",
      idempotencyKey: "key-1",
      href: "/stories/a-story?reply=c1#reply-form-c1",
    });
  });

  it("lets another member mark it useful, report it and reply, with the form open when asked", () => {
    const view = commentItemView(
      comment(),
      null,
      reader({ user: stranger, mayComment: true, markedUseful: new Set(["c1"]), replyParam: "c1" }),
    );
    expect(view).toMatchObject({ reportHref: "/report/comment/c1" });
    for (const field of ["body", "canEdit", "canDelete"]) expect(view).not.toHaveProperty(field);
    expect(view.useful).toEqual({ count: 3, pressed: true, canToggle: true });
    expect(view.reply?.open).toBe(true);
  });

  it("offers a moderator Delete on a member's comment, not on a moderator's or admin's, nor in a draft", () => {
    expect(commentItemView(comment(), null, reader({ user: moderator })).canDelete).toBe(true);
    expect(
      commentItemView(comment({ authorRole: "moderator" }), null, reader({ user: moderator })).canDelete,
    ).toBeUndefined();
    expect(
      commentItemView(comment({ authorRole: "admin" }), null, reader({ user: moderator })).canDelete,
    ).toBeUndefined();
    const draft = { id: "s1", slug: "a-story", status: "draft" as const };
    expect(
      commentItemView(comment(), null, reader({ user: moderator, story: draft })).canDelete,
    ).toBeUndefined();
  });

  it("keeps a hidden comment's words on the server; its reason only for its author and moderators", () => {
    const hidden = comment({ hidden: { reason: "Off topic", at } });
    for (const user of [null, stranger]) {
      const view = commentItemView(hidden, null, reader({ user, mayComment: true }));
      expect(view.hidden).toEqual({});
      for (const field of ["html", "body", "useful", "reply", "reportHref"])
        expect(view).not.toHaveProperty(field);
    }
    expect(commentItemView(hidden, null, reader({ user: author })).hidden).toEqual({ reason: "Off topic" });
    expect(commentItemView(hidden, null, reader({ user: author })).canEdit).toBeUndefined();
    expect(commentItemView(hidden, null, reader({ user: moderator })).hidden).toEqual({
      reason: "Off topic",
    });
  });

  it("lets nobody edit or delete a deleted comment", () => {
    const view = commentItemView(comment({ deleted: true, body: "" }), null, reader({ user: moderator }));
    expect(view).toEqual({ id: "c1", createdAt: at, author: { name: "Ann", handle: "ann" }, deleted: true });
  });

  it("stops edits once comments are closed or locked, and says when a comment was edited", () => {
    const later = new Date(at.getTime() + 60_000);
    expect(
      commentItemView(
        comment(),
        null,
        reader({ user: author, conversation: { commentsClosed: true, lockedAt: null } }),
      ).canEdit,
    ).toBeUndefined();
    expect(
      commentItemView(
        comment(),
        null,
        reader({ user: author, conversation: { commentsClosed: false, lockedAt: later } }),
      ).canEdit,
    ).toBeUndefined();
    expect(commentItemView(comment({ updatedAt: later }), null, reader()).edited).toBe(true);
  });

  it("names the reply it answers", () => {
    const view = commentItemView(
      comment(),
      { id: "c0", author: { name: "Bo", handle: "bo" }, quote: "Earlier words" },
      reader(),
    );
    expect(view.replyTo).toEqual({ id: "c0", name: "Bo", quote: "Earlier words" });
  });
});
