/* Command-line flags of `npm run bench`. */

export const PARTS = ["pages", "burst", "signed-in", "comments", "queries", "first-load-js", "lighthouse", "startup"] as const;
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

export function parseArgs(argv: readonly string[]): BenchOptions {
  const parts = new Set<Part>(PARTS);
  let quick = false;
  let help = false;
  let only: Part[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--skip-lighthouse") parts.delete("lighthouse");
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      if (!value) throw new Error("--only needs a part name");
      only = value.split(",").map((name) => {
        if (!(PARTS as readonly string[]).includes(name)) throw new Error(`unknown part "${name}" (parts: ${PARTS.join(", ")})`);
        return name as Part;
      });
    } else throw new Error(`unknown argument "${arg}"\n\n${USAGE}`);
  }
  if (only) for (const part of PARTS) if (!only.includes(part)) parts.delete(part);
  return { quick, parts, help };
}
