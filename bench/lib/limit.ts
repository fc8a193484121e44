import { writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/ports";
import { spawnTracked, stopProcess, waitUntil } from "./processes";

// Headers that describe the connection or this one response, not the page.
const DROPPED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "date",
  "set-cookie",
  "x-request-id",
]);

export type RecordedResponse = { status: number; headers: Record<string, string>; body: Buffer };

export async function record(url: string): Promise<RecordedResponse> {
  const response = await fetch(url, { redirect: "manual" });
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED.has(name)) headers[name] = value;
  });
  // fetch already decoded the body: serve it as it came out.
  delete headers["content-encoding"];
  return { status: response.status, headers, body };
}

export async function startLimitServer(
  recorded: RecordedResponse,
  workDir: string,
  name: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const file = path.join(workDir, `limit-${name.replace(/\W+/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      status: recorded.status,
      headers: recorded.headers,
      bodyBase64: recorded.body.toString("base64"),
    }),
  );
  const port = await freePort();
  const child = spawnTracked("limit server", process.execPath, [
    "--import",
    "tsx",
    path.join(import.meta.dirname, "limit-server.ts"),
    file,
    String(port),
  ]);
  let ready = false;
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => (ready ||= chunk.includes("listening")));
  await waitUntil(() => ready || child.exitCode !== null, 30_000, "the limit server");
  if (!ready) throw new Error("the limit server did not start");
  return { url: `http://127.0.0.1:${port}/`, stop: () => stopProcess(child) };
}
