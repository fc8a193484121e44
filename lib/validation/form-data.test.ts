import { describe, expect, it } from "vitest";
import { formText, formValues, normaliseText } from "./form-data";

describe("form text", () => {
  it("stores line breaks as \\n and drops NUL characters, which PostgreSQL text cannot hold", () => {
    const data = new FormData();
    data.append("body", "one\r\ntwo\rthree\u0000four");
    data.append("tags", "a\r\nb");
    data.append("tags", "c");
    expect(formText(data, "body")).toBe("one\ntwo\nthreefour");
    expect(formText(data, "missing")).toBe("");
    expect(formValues(data, ["tags"])).toEqual({ body: "one\ntwo\nthreefour", tags: ["a\nb", "c"] });
  });

  it("replaces lone surrogates with U+FFFD and keeps real pairs (emoji) intact", () => {
    // FormData already does this (its values are USVStrings); JSON bodies and other callers do not.
    expect(normaliseText("a\uD800b\uDC00c 🌱 \uD83C")).toBe("a\uFFFDb\uFFFDc 🌱 \uFFFD");
  });
});
