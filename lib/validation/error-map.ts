import type { z } from "zod";

/** The smallest translator both next-intl's server and client functions satisfy. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/*
 * Schemas carry rules, not sentences: the words come from the message catalogue of the
 * reader's language, so one schema serves the form in the browser, the server action and
 * both locales. Custom issues (refinements) carry a catalogue key as `params.key`.
 */
export function validationErrorMap(t: Translate): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case "too_small": {
        const min = Number(issue.minimum);
        if (issue.origin === "array" || issue.origin === "set") return t("validation.chooseAtLeast", { min });
        if (min <= 1 || issue.input === "") return t("validation.required");
        return t("validation.tooShort", { min });
      }
      case "too_big": {
        const max = Number(issue.maximum);
        if (issue.origin === "array" || issue.origin === "set") return t("validation.chooseAtMost", { max });
        return t("validation.tooLong", { max });
      }
      case "invalid_format":
        return issue.format === "email" ? t("validation.email") : t("validation.invalid");
      case "invalid_value":
        return t("validation.chooseOption");
      case "invalid_type":
        return issue.input === undefined || issue.input === null
          ? t("validation.required")
          : t("validation.invalid");
      case "custom": {
        // A refinement names its catalogue key in params (a message would bypass this map).
        const key = (issue.params as { key?: string } | undefined)?.key;
        return t(key ?? "validation.invalid");
      }
      default:
        return t("validation.invalid");
    }
  };
}
