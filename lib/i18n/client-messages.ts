import keys from "./client-message-keys.json";
import { pickMessages } from "./client-message-keys";

/*
 * The part of the catalogue client components translate with: only these keys travel to the
 * browser (app/layout.tsx); the rest (mail, server-rendered pages) stays on the server instead
 * of riding along in every page's HTML. The keys are found in the client components' source
 * (lib/i18n/client-message-keys.ts, `npm run i18n:client-keys`); a test fails when the list is
 * out of date.
 */
export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return pickMessages(messages as never, keys) as Partial<M>;
}
