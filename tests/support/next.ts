/*
 * `next/headers` and `next/navigation` for tests that call actions, route handlers and pages
 * as plain functions, outside a request. `vi.mock` is hoisted per file, so each test file
 * that needs them says so itself, pointing both modules here:
 *
 *   vi.mock("next/headers", () => import("../support/next"));
 *   vi.mock("next/navigation", () => import("../support/next"));
 *
 * and imports the controls (`setRequestHeaders`, `requestCookies`, the error classes) from this
 * same module, which the mock and the test then share.
 */

// ------------------------------------------------------------------ the request

let requestHeaders: Record<string, string> = {};

/** The headers of the request being faked, until the next call; none at first. */
export function setRequestHeaders(values: Record<string, string>): void {
  requestHeaders = { ...values };
}

/** The cookies the faked browser sends, and the ones the code under test sets (by name). */
export const requestCookies = new Map<string, string>();

export async function headers(): Promise<Headers> {
  return new Headers(requestHeaders);
}

export async function cookies() {
  return {
    get: (name: string) =>
      requestCookies.has(name) ? { name, value: requestCookies.get(name) as string } : undefined,
    set: (name: string, value: string) => {
      requestCookies.set(name, value);
    },
  };
}

// ------------------------------------------------------------------ navigation

/*
 * Next stops a render or an action by throwing; so do these, each with its own class so a test
 * can tell where the code sent the person. `Interrupt` is any of them: for tests that only
 * judge the effect, not how the action ended.
 */
export class Interrupt extends Error {}

/** What `redirect()` throws; `url` is where the person is sent. */
export class Redirect extends Interrupt {
  constructor(public readonly url: string) {
    super(`redirect ${url}`);
  }
}
/** What `notFound()` throws: Next answers 404. */
export class NotFound extends Interrupt {
  constructor() {
    super("404");
  }
}
/** What `forbidden()` throws: Next answers 403 (app/forbidden.tsx). */
export class Forbidden extends Interrupt {
  constructor() {
    super("403");
  }
}

export function redirect(url: string): never {
  throw new Redirect(url);
}
export function notFound(): never {
  throw new NotFound();
}
export function forbidden(): never {
  throw new Forbidden();
}
