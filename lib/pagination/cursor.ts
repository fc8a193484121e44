/*
 * Keyset pagination over (timestamp, id): stable while new rows arrive, and as fast on the
 * thousandth page as on the first, unlike OFFSET. The cursor is opaque to the reader.
 */
export type Cursor = { at: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");
}

/**
 * A cursor's id as the database can compare it: the JSON inside a cursor can spell a NUL
 * (`\u0000`), which PostgreSQL text cannot hold, so such a cursor is unreadable.
 */
function isReadableText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 100 && !value.includes("\u0000");
}

/** An unreadable cursor (edited by hand, truncated) means "from the start", never an error. */
export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 200) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed;
    if (typeof at !== "string" || !isReadableText(id)) return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

export type Page<T> = { items: T[]; newer: string | null; older: string | null };

/**
 * A keyset cursor for listings that can be sorted several ways: the sort it belongs to, the
 * sort key values of the last row seen, and its id. A cursor of another sort is unreadable.
 */
export type KeysetCursor = { sort: string; values: (string | number)[]; id: string };

export function encodeKeyset(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.values, cursor.id])).toString("base64url");
}

export function decodeKeyset(
  value: string | undefined | null,
  sort: string,
  valueCount: number,
): KeysetCursor | null {
  if (!value || value.length > 300) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [cursorSort, values, id] = parsed;
    if (cursorSort !== sort || !isReadableText(id)) return null;
    if (!Array.isArray(values) || values.length !== valueCount) return null;
    const readable = values.every(
      (v) =>
        (typeof v === "number" && Number.isFinite(v)) ||
        (typeof v === "string" && v.length <= 40 && !v.includes("\u0000")),
    );
    return readable ? { sort, values, id } : null;
  } catch {
    return null;
  }
}
