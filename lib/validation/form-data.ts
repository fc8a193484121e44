/** Reads a submitted form into plain values: strings, and arrays for repeated names. */
export function formValues(formData: FormData, arrayFields: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of arrayFields) values[name] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    if (arrayFields.includes(name)) (values[name] as string[]).push(value);
    else values[name] = value;
  }
  return values;
}
