import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

/*
 * A freshly initialised PGlite cluster, dumped once and loaded into every new data folder: PGlite's
 * initdb takes about 2.5 s of a first start, loading the dump well under 1 s (decision 036). The
 * template holds no migrations and no seed, which still run at every start, so it depends only on
 * the installed PGlite, whose version is in its file name. It lives in `.next/cache/`, which
 * `next build` keeps, is not committed, and is never inside a data folder.
 */

function pgliteVersion(): string {
  const manifest = path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    "node_modules",
    "@electric-sql",
    "pglite",
    "package.json",
  );
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Where the template for the installed PGlite is (or would be) kept. */
export function pgliteTemplatePath(): string {
  return path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    ".next",
    "cache",
    `pglite-template-${pgliteVersion()}.tar.gz`,
  );
}

/**
 * The template as PGlite's `loadDataDir` takes it, or undefined when there is none for the
 * installed version. Unpacked here rather than by PGlite: zlib does it off the main thread.
 */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  let file: string;
  try {
    file = pgliteTemplatePath();
    if (!existsSync(file)) return undefined;
  } catch {
    return undefined;
  }
  return new Blob([new Uint8Array(await promisify(gunzip)(readFileSync(file)))]);
}

/** Writes the template for the installed PGlite (an initdb in memory, then its dump). */
export async function writePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  const { PGlite } = await import("@electric-sql/pglite");
  const client = await PGlite.create({ dataDir: "memory://" });
  let dump: Blob;
  try {
    dump = await client.dumpDataDir("gzip");
  } finally {
    await client.close();
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // Renamed into place whole: a start that reads it meanwhile sees no template or all of it.
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}

/** Writes the template when there is none for the installed PGlite; says so when that fails. */
export async function ensurePgliteTemplate(): Promise<void> {
  try {
    if (existsSync(pgliteTemplatePath())) return;
    const started = Date.now();
    await writePgliteTemplate();
    console.log(`Prepared the embedded database's template in ${Date.now() - started} ms.`);
  } catch (error) {
    console.warn(
      `Could not write the embedded database's template (${(error as Error).message}); a new data folder is initialised without it.`,
    );
  }
}
