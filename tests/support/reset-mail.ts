import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { mailOutbox } from "@/db/schema";

/** The reset link's token in a mail text, as a person would copy it. */
export function resetTokenIn(text: string): string | null {
  return /\/reset-password\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(text)?.[1] ?? null;
}

/** The newest password reset mail queued for the account, with the token its link carries. */
export async function latestResetMail(userId: string) {
  const db = await getDb();
  const [mail] = await db
    .select({
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      html: mailOutbox.htmlBody,
    })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.kind, "password-reset")))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail ? { ...mail, token: resetTokenIn(mail.text) } : null;
}
