"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { startingPointIdBySlug } from "@/lib/model/recognition";
import { getStoryAccess } from "@/lib/stories/story";
import { validationErrorMap } from "@/lib/validation/error-map";
import { invalid, ok, type FormState } from "@/lib/validation/form-state";
import { formText } from "@/lib/validation/form-data";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { markNotificationRead, markNotificationsRead, setEmailFrequency, setFollow } from "./queries";
import { followSchema, notificationSettingsSchema } from "./schema";

const SETTINGS_PATH = "/settings/notifications";

/** "Mark all as read" on the notifications page. */
export async function markNotificationsReadAction(): Promise<void> {
  const user = await requireUser("/notifications");
  await markNotificationsRead(user.id);
  revalidatePath("/notifications");
}

/** "Mark as read" on one notification; only the member's own notifications change. */
export async function markNotificationReadAction(formData: FormData): Promise<void> {
  const user = await requireUser("/notifications");
  const id = formText(formData, "id");
  if (!id || id.length > 100) return;
  await markNotificationRead({ userId: user.id, id });
  revalidatePath("/notifications");
}

/**
 * The Follow / Following buttons on stories and starting points, and Unfollow on the settings
 * page. Only published stories can be followed. Signed-out visitors are sent to sign in and
 * come back to the page they were on.
 */
export async function setFollowAction(formData: FormData): Promise<void> {
  const parsed = followSchema.safeParse({
    target: formText(formData, "target"),
    id: formText(formData, "id"),
    follow: formText(formData, "follow"),
  });
  if (!parsed.success) return;
  const { target, id, follow } = parsed.data;

  let followId: string;
  let path: string;
  if (target === "story") {
    const story = await getStoryAccess(id);
    if (!story || story.status !== "published") return;
    followId = story.id;
    path = `/stories/${story.slug}`;
  } else {
    const startingPointId = await startingPointIdBySlug(id);
    if (startingPointId === null) return;
    followId = String(startingPointId);
    path = `/starting-points/${id}`;
  }

  const user = await requireUser(path);
  await setFollow({ userId: user.id, target, id: followId, follow });
  revalidatePath(path);
  revalidatePath(SETTINGS_PATH);
}

export type NotificationSettingsValues = { emailFrequency: string };

/** How often notifications come by mail: at once, a daily summary, or never. */
export async function updateNotificationSettingsAction(
  state: FormState<NotificationSettingsValues>,
  formData: FormData,
): Promise<FormState<NotificationSettingsValues>> {
  return keepInputWhenUnavailable(notificationSettingsSubmission, state, formData);
}

async function notificationSettingsSubmission(
  _prev: FormState<NotificationSettingsValues>,
  formData: FormData,
): Promise<FormState<NotificationSettingsValues>> {
  const values = { emailFrequency: formText(formData, "emailFrequency") };
  const user = await requireUser(SETTINGS_PATH);
  const t = await getTranslations();
  const parsed = notificationSettingsSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  await setEmailFrequency({ userId: user.id, emailFrequency: parsed.data.emailFrequency });
  revalidatePath(SETTINGS_PATH);
  return ok({ message: t("notificationSettings.saved") });
}
