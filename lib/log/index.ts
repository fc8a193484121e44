import { envIfValid } from "../env";

/*
 * Structured logs: one JSON object per line on stdout (stderr for errors), so a log shipper
 * can index them and an operator can find every line of one request by its id.
 */

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  // While the configuration is invalid (the server is about to say so and stop), log at info.
  return ORDER[envIfValid()?.LOG_LEVEL ?? "info"];
}

/** An Error as plain fields (JSON.stringify drops an Error's own properties). */
export function errorFields(error: unknown): Fields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.message,
    errorName: error.name,
    ...(code !== undefined ? { errorCode: code } : {}),
    stack: error.stack,
  };
}

function write(level: Level, msg: string, fields: Fields = {}) {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
