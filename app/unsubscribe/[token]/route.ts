import { NextResponse, type NextRequest } from "next/server";
import { unsubscribeWithToken } from "@/lib/notifications/unsubscribe";

/*
 * The unsubscribe link of every notification mail (lib/notifications/unsubscribe.ts).
 *
 * GET: a person opened the link (or a mail scanner fetched it): nothing changes; they go on to
 * the confirmation page and its button.
 * POST: the button, or a mail client's one-click unsubscribe (RFC 8058: a POST with the body
 * `List-Unsubscribe=One-Click`, no cookies, usually no Origin). The signed token is the only
 * authority, so proxy.ts lets a POST here through whatever its Origin says.
 */

type Context = { params: Promise<{ token: string }> };

// A relative Location: the host the browser used, whatever the server thinks its name is.
const confirmPage = (token: string) =>
  new Response(null, {
    status: 303,
    headers: { Location: `/unsubscribe/${encodeURIComponent(token)}/confirm` },
  });

export async function GET(_request: NextRequest, { params }: Context) {
  return confirmPage((await params).token);
}

export async function POST(request: NextRequest, { params }: Context) {
  const { token } = await params;
  const done = await unsubscribeWithToken(token);
  const form = await request.formData().catch(() => null);
  // Our own page's button: show the outcome there. A mail client reads only the status.
  if (form?.get("from") === "page") return confirmPage(token);
  return new NextResponse(done ? "Unsubscribed.\n" : "This unsubscribe link is not valid.\n", {
    status: done ? 200 : 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
