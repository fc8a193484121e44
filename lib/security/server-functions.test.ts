import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCacheFunctionId, MANIFEST, WITHHELD, withholdCacheFunctions } from "./server-functions";

const ACTION = "60f07ec5292ae7bfe8521f99e103a633d5ded34244";
const CACHED = [
  "c0e9bcd57e0c13c1c5e48fcd0de52bfca7a5112c1c",
  "806280c6579c9c83bfc5b0087b63d115cc0b9d61b7",
  "f07a1f63e5df5c9c62fb84e8a90889a89916c1a975",
];

function build(): string {
  const dist = mkdtempSync(path.join(tmpdir(), "vertrekpunt-manifest-"));
  mkdirSync(path.join(dist, "server"));
  const entry = (exportedName: string) => ({
    workers: { "app/page": { moduleId: 1, async: false } },
    filename: "lib/x.ts",
    exportedName,
  });
  const manifest = {
    node: {
      [ACTION]: entry("updateProfileAction"),
      ...Object.fromEntries(CACHED.map((id, i) => [id, entry(`$$RSC_SERVER_CACHE_${i}`)])),
    },
    edge: {},
    encryptionKey: "k",
  };
  writeFileSync(path.join(dist, `${MANIFEST}.json`), JSON.stringify(manifest));
  writeFileSync(
    path.join(dist, `${MANIFEST}.js`),
    `self.__RSC_SERVER_MANIFEST=${JSON.stringify(JSON.stringify(manifest))}`,
  );
  return dist;
}

const read = (dist: string) => JSON.parse(readFileSync(path.join(dist, `${MANIFEST}.json`), "utf8"));

describe("withholdCacheFunctions", () => {
  it("tells cache functions' ids from actions' by their first byte", () => {
    expect(isCacheFunctionId(ACTION)).toBe(false);
    expect(isCacheFunctionId("006b8297457de42d86305d34dc523d420ae1bdd4c2")).toBe(false);
    for (const id of CACHED) expect(isCacheFunctionId(id)).toBe(true);
  });

  it("leaves only the server actions in both manifests and records what it took out", () => {
    const dist = build();
    const withheld = withholdCacheFunctions(dist);
    expect(withheld.map((w) => w.id).sort()).toEqual([...CACHED].sort());
    expect(Object.keys(read(dist).node)).toEqual([ACTION]);
    expect(read(dist).encryptionKey).toBe("k");
    const script = readFileSync(path.join(dist, `${MANIFEST}.js`), "utf8");
    expect(
      Object.keys(JSON.parse(JSON.parse(script.replace("self.__RSC_SERVER_MANIFEST=", ""))).node),
    ).toEqual([ACTION]);
    expect(JSON.parse(readFileSync(path.join(dist, WITHHELD), "utf8"))).toHaveLength(CACHED.length);
  });

  it("keeps the record when it runs again", () => {
    const dist = build();
    withholdCacheFunctions(dist);
    expect(withholdCacheFunctions(dist)).toHaveLength(CACHED.length);
    expect(Object.keys(read(dist).node)).toEqual([ACTION]);
  });

  it("does nothing without a build", () => {
    expect(withholdCacheFunctions(mkdtempSync(path.join(tmpdir(), "vertrekpunt-nobuild-")))).toEqual([]);
  });
});
