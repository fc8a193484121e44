/*
 * The catalogue namespaces client components translate with. Only these travel to the browser
 * (app/layout.tsx); the rest (mail, server-rendered pages) stays on the server instead of
 * riding along in every page's HTML. A test reads every client component's useTranslations()
 * calls and fails when one uses a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "auth",
  "comments",
  "errors",
  "feedback",
  "follow",
  "languages",
  "model",
  "moderation",
  "notificationSettings",
  "organisationTypes",
  "settings",
  "stories",
  "storyForm",
  "suggestions",
  "validation",
  "verifyEmail",
] as const;

export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return Object.fromEntries(CLIENT_NAMESPACES.filter((name) => name in messages).map((name) => [name, messages[name]])) as Partial<M>;
}
