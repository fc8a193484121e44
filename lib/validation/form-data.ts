/**
 * Submitted text as the app stores it: line breaks as "\n" (browsers send "\r\n", which would
 * count twice against length limits) and no NUL characters (PostgreSQL text cannot hold them).
 */
export function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(/\u0000/g, "");
}

/** One submitted text field, normalised; "" when missing or a file. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? normaliseText(value) : "";
}

/** Reads a submitted form into plain values: strings, and arrays for repeated names. */
export function formValues(formData: FormData, arrayFields: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of arrayFields) values[name] = [];
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== "string" || name.startsWith("$ACTION")) continue;
    const value = normaliseText(raw);
    if (arrayFields.includes(name)) (values[name] as string[]).push(value);
    else values[name] = value;
  }
  return values;
}
