import { parseArgs as parseCommandLine } from "node:util";

/* Command-line flags of `npm run bench`. */

export const PARTS = [
  "pages",
  "burst",
  "signed-in",
  "comments",
  "queries",
  "first-load-js",
  "lighthouse",
  "startup",
] as const;
export type Part = (typeof PARTS)[number];

export type BenchOptions = {
  quick: boolean;
  parts: Set<Part>;
  help: boolean;
};

export const USAGE = `Usage: npm run bench -- [--quick] [--skip-lighthouse] [--only <part>[,<part>…]]

  --quick            small data, 5 s runs: checks the harness, the numbers are not a result
  --skip-lighthouse  leave out the Lighthouse runs
  --only <parts>     run only these parts: ${PARTS.join(", ")}
`;

const OPTIONS = {
  quick: { type: "boolean" },
  "skip-lighthouse": { type: "boolean" },
  only: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseArgs(argv: readonly string[]): BenchOptions {
  let values: { quick?: boolean; "skip-lighthouse"?: boolean; only?: string; help?: boolean };
  try {
    ({ values } = parseCommandLine({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node names the offending argument in its first line ("Unknown option '--fast'").
    const reason = String((error as Error).message).split("\n")[0];
    if (/'--only\b/.test(reason)) throw new Error(`--only needs a part name (${reason})`);
    throw new Error(`unknown argument: ${reason}\n\n${USAGE}`);
  }
  const parts = new Set<Part>(PARTS);
  if (values["skip-lighthouse"]) parts.delete("lighthouse");
  if (values.only !== undefined) {
    if (!values.only) throw new Error("--only needs a part name");
    const only = values.only.split(",").map((name) => {
      if (!(PARTS as readonly string[]).includes(name))
        throw new Error(`unknown part "${name}" (parts: ${PARTS.join(", ")})`);
      return name as Part;
    });
    for (const part of PARTS) if (!only.includes(part)) parts.delete(part);
  }
  return { quick: values.quick ?? false, parts, help: values.help ?? false };
}
