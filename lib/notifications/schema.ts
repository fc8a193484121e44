import { z } from "../validation/zod";

/*
 * Shared by the notification settings form and the follow buttons (browser) and their server
 * actions. Pure: no database, safe for client components.
 */

/** Each notification mailed at once, one summary a day, or no mail (the in-app list stays). */
export const EMAIL_FREQUENCIES = ["immediate", "daily", "none"] as const;
export type EmailFrequencyValue = (typeof EMAIL_FREQUENCIES)[number];

// The language of the mails is users.locale: the one the member last chose on the site.
export const notificationSettingsSchema = z.object({
  emailFrequency: z.enum(EMAIL_FREQUENCIES),
});

export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

export const FOLLOW_TARGETS = ["story", "startingPoint"] as const;

export const followSchema = z.object({
  target: z.enum(FOLLOW_TARGETS),
  id: z.string().trim().min(1).max(100),
  // The state asked for, not "toggle": sending the form twice changes nothing.
  follow: z.enum(["true", "false"]).transform((value) => value === "true"),
});
