import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { markNotificationRead } from "@/lib/notifications/queries";

/*
 * Opening a notification (from the list or from a mail): marks it read, then goes on to what it
 * is about. Only its owner can; anyone else, like an unknown id, lands on their own list.
 * A GET that changes something, so that a link in a mail can do it; what it changes is the
 * member's own read mark, and only for a member who is signed in.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A relative Location: the host the browser used, whatever the server thinks its name is.
  const to = (path: string) =>
    new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
  const user = await currentUser();
  if (!user)
    return to(`/signin?callbackUrl=${encodeURIComponent(`/notifications/${encodeURIComponent(id)}`)}`);
  // A browser's speculative prefetch is not the member opening it.
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""}`;
  if (/prefetch/i.test(purpose) || request.headers.has("next-router-prefetch")) return to("/notifications");
  const opened = id.length <= 100 ? await markNotificationRead({ userId: user.id, id }) : undefined;
  return to(opened?.url ?? "/notifications");
}
