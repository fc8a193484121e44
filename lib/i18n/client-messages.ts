import plan from "./client-message-keys.json";
import { pickMessages } from "./client-message-keys";

/*
 * The part of the catalogue client components translate with: only these keys travel to the
 * browser, the rest (mail, server-rendered pages) stays on the server instead of riding along in
 * every page's HTML. The root layout sends the keys of what is around every page
 * (`frameMessages`); a page with client components of its own sends theirs (`pageMessages`,
 * through components/page-messages.tsx), and those of the components it loads on demand only for
 * a reader who may be shown one (`onDemand`). The lists are found in the source
 * (lib/i18n/client-message-plan.ts, `npm run i18n:client-keys`); a test fails when they are out
 * of date.
 */

export type PageWithMessages = keyof typeof plan.pages | keyof typeof plan.onDemand;

export function frameMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return pickMessages(messages as never, plan.frame) as Partial<M>;
}

export function pageMessages<M extends Record<string, unknown>>(
  messages: M,
  page: PageWithMessages,
  { onDemand = false }: { onDemand?: boolean } = {},
): Partial<M> {
  const keys: readonly string[] = (plan.pages as Record<string, string[]>)[page] ?? [];
  const later: readonly string[] = onDemand ? ((plan.onDemand as Record<string, string[]>)[page] ?? []) : [];
  return pickMessages(messages as never, [...keys, ...later]) as Partial<M>;
}
