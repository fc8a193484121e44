// A UTF-16 surrogate without its partner: no character at all, and not storable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Submitted text as the app stores it: line breaks as "\n" (browsers send "\r\n", which would
 * count twice against length limits), no NUL characters (PostgreSQL text cannot hold them) and
 * malformed UTF-16 replaced by U+FFFD, the way invalid UTF-8 bytes already arrive.
 */
export function normaliseText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "")
    .replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * One submitted text field, normalised; "" when missing or a file. An action can be called with
 * any arguments, not only the form it was written for (a crafted request decodes to a string,
 * an array, nothing): whatever is not a form reads as an empty one, so the action answers with
 * its usual message instead of a TypeError and a 500.
 */
export function formText(formData: FormData, name: string): string {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === "string" ? normaliseText(value) : "";
}

/** Reads a submitted form into plain values: strings, and arrays for repeated names. */
export function formValues(
  formData: FormData,
  arrayFields: readonly string[] = [],
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of arrayFields) values[name] = [];
  if (!(formData instanceof FormData)) return values;
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== "string" || name.startsWith("$ACTION")) continue;
    const value = normaliseText(raw);
    if (arrayFields.includes(name)) (values[name] as string[]).push(value);
    else values[name] = value;
  }
  return values;
}
