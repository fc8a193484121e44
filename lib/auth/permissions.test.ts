import { describe, expect, it } from "vitest";
import {
  canComment,
  canDecideProposal,
  canDeleteComment,
  canEditComment,
  canEditStory,
  canRecogniseStory,
  canSupportProposal,
  canViewStory,
} from "./permissions";

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

describe("model permissions", () => {
  const author = { id: "author", role: "member" as const };
  const reader = { id: "reader", role: "member" as const };
  const moderator = { id: "mod", role: "moderator" as const };

  it("lets readers, not authors or visitors, recognise starting points in published stories", () => {
    const story = { authorId: "author", status: "published" as const };
    expect(canRecogniseStory(reader, story)).toBe(true);
    expect(canRecogniseStory(author, story)).toBe(false);
    expect(canRecogniseStory(null, story)).toBe(false);
    expect(canRecogniseStory(reader, { ...story, status: "draft" })).toBe(false);
  });

  it("lets members support open proposals of others; only moderators decide, once", () => {
    const proposal = { proposerId: "author", status: "open" };
    expect(canSupportProposal(reader, proposal)).toBe(true);
    expect(canSupportProposal(author, proposal)).toBe(false);
    expect(canSupportProposal(null, proposal)).toBe(false);
    expect(canSupportProposal(reader, { ...proposal, status: "declined" })).toBe(false);
    expect(canDecideProposal(moderator, proposal)).toBe(true);
    expect(canDecideProposal(reader, proposal)).toBe(false);
    expect(canDecideProposal(moderator, { status: "accepted" })).toBe(false);
  });
});
