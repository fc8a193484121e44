import { z } from "zod";
import en from "@/lib/i18n/messages/en.json";
import { validationErrorMap } from "@/lib/validation/error-map";

// A real translator over the English catalogue, so messages are checked as people see them.
function t(key: string, values: Record<string, string | number> = {}): string {
  const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);
  if (typeof text !== "string") throw new Error(`missing message ${key}`);
  return text
    .replace(/\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g, (_, name, one, other) =>
      values[name] === 1 ? one : other.replace("#", String(values[name])),
    )
    .replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}
const errorMap = validationErrorMap(t);

/** The field errors a form would show for `input`, in English; `{}` when it is valid. */
export function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input, { error: errorMap });
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[]>);
}
