import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationErrorMap } from "@/lib/validation/error-map";
import { moderationDecisionSchema, reportSchema } from "./schema";

// A translator that shows which catalogue key was asked for.
const t = (key: string) => `«${key}»`;
const errors = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { error: validationErrorMap(t) });
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe("reportSchema", () => {
  it("needs an explanation only for “other”, and says so in the reader's words", () => {
    expect(errors(reportSchema, { reason: "spam", note: "" })).toEqual({});
    expect(errors(reportSchema, { reason: "other", note: "  " })).toEqual({
      note: ["«validation.required»"],
    });
    expect(errors(reportSchema, { reason: "made-up", note: "" })).toEqual({
      reason: ["«validation.chooseOption»"],
    });
  });
});

describe("moderationDecisionSchema", () => {
  it("asks a reason for what takes something away, and a period for a suspension", () => {
    expect(errors(moderationDecisionSchema, { decision: "dismiss", reason: "" })).toEqual({});
    expect(errors(moderationDecisionSchema, { decision: "hide", reason: "" })).toEqual({
      reason: ["«validation.required»"],
    });
    expect(errors(moderationDecisionSchema, { decision: "suspend", reason: "Spam" })).toEqual({
      period: ["«validation.required»"],
    });
    expect(
      errors(moderationDecisionSchema, { decision: "suspend", reason: "Spam", period: "forever" }),
    ).toEqual({});
  });
});
