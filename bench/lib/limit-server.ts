/*
 * "The limit": one page's recorded response (status, headers, body) served from memory by the
 * smallest possible node:http server. What the app reaches compared with this is how much of
 * the machine's HTTP capacity it leaves on the table. Run as a child process:
 *   node --import tsx bench/lib/limit-server.ts <response.json> <port>
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

type Recorded = { status: number; headers: Record<string, string>; bodyBase64: string };

const [file, port] = process.argv.slice(2);
const recorded = JSON.parse(readFileSync(file, "utf8")) as Recorded;
const body = Buffer.from(recorded.bodyBase64, "base64");
const headers = { ...recorded.headers, "content-length": String(body.length) };

const server = createServer((_request, response) => {
  response.writeHead(recorded.status, headers);
  response.end(body);
});
server.listen(Number(port), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
