/*
 * Keyset pagination over (timestamp, id): stable while new rows arrive, and as fast on the
 * thousandth page as on the first, unlike OFFSET. The cursor is opaque to the reader.
 */
export type Cursor = { at: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");
}

/** An unreadable cursor (edited by hand, truncated) means "from the start", never an error. */
export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 200) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed;
    if (typeof at !== "string" || typeof id !== "string" || id.length === 0 || id.length > 100) return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

export type Page<T> = { items: T[]; newer: string | null; older: string | null };
