import { describe, expect, it } from "vitest";
import { appTables } from "./export";
import { parentsFirst } from "./import";

describe("import order within a table that references itself", () => {
  const comments = appTables().find((table) => table.name === "comments")!;
  const column = (name: string) => comments.columns.indexOf(name);

  function row(id: string, parentId: string | null, replyToId: string | null): unknown[] {
    const values: unknown[] = comments.columns.map(() => "x");
    values[column("id")] = id;
    values[column("parent_id")] = parentId;
    values[column("reply_to_id")] = replyToId;
    return values;
  }

  it("knows the comments' references to other comments", () => {
    expect(comments.selfReferences.map((ref) => comments.columns[ref.column]).sort()).toEqual([
      "parent_id",
      "reply_to_id",
    ]);
  });

  it("puts every comment after the comments it replies to", () => {
    // In primary-key order a reply can come before its thread, and a reply to a reply before both.
    const rows = [
      row("a-reply-to-reply", "c-top", "b-reply"),
      row("b-reply", "c-top", "c-top"),
      row("c-top", null, null),
      row("d-top", null, null),
    ];
    const ids = parentsFirst(comments, rows).map((r) => r[column("id")]);
    expect(ids).toEqual(["c-top", "d-top", "b-reply", "a-reply-to-reply"]);
  });

  it("leaves tables without self-references as they are", () => {
    const stories = appTables().find((table) => table.name === "stories")!;
    const rows = [["b"], ["a"]];
    expect(parentsFirst(stories, rows)).toBe(rows);
  });
});
