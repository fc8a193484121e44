import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { formText } from "@/lib/validation/form-data";

/*
 * A double click or a retry after a timeout sends the same form twice. Each form render
 * carries a fresh key (`newIdempotencyKey()` in the page, a hidden `idempotencyKey` field);
 * the first submission records it in the transaction that creates the story or comment, and
 * any later one with the same key gets that first result instead of a duplicate.
 */

export type IdempotencyRef = { userId: string; key: string; scope: string };

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
// Long enough for any retry; short enough that the table stays small.
const KEEP_FOR = sql`interval '1 day'`;

export function newIdempotencyKey(): string {
  return randomUUID();
}

/** The key a form sent, or null when it sent none or something that is not one of ours. */
export function readIdempotencyKey(formData: FormData): string | null {
  const value = formText(formData, "idempotencyKey");
  return typeof value === "string" && KEY_PATTERN.test(value) ? value : null;
}

/**
 * Runs `create` once per key, inside the caller's transaction. A concurrent second submission
 * waits on the first one's uncommitted key row, then returns its result. Without a key (an
 * old form, a script), `create` simply runs.
 */
export async function once<T>(
  tx: Transaction,
  ref: IdempotencyRef | null,
  create: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!ref) return { result: await create(), replayed: false };
  await tx
    .delete(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.userId, ref.userId), lt(idempotencyKeys.createdAt, sql`now() - ${KEEP_FOR}`)),
    );
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId: ref.userId, key: ref.key, scope: ref.scope, result: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [earlier] = await tx
      .select({ scope: idempotencyKeys.scope, result: idempotencyKeys.result })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, ref.userId), eq(idempotencyKeys.key, ref.key)));
    if (earlier && earlier.scope === ref.scope) return { result: earlier.result as T, replayed: true };
    // The same key for something else is not a retry of this; do it.
    return { result: await create(), replayed: false };
  }
  const result = await create();
  await tx
    .update(idempotencyKeys)
    .set({ result: result as object })
    .where(and(eq(idempotencyKeys.userId, ref.userId), eq(idempotencyKeys.key, ref.key)));
  return { result, replayed: false };
}
