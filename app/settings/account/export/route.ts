import { currentUser } from "@/lib/auth/session";
import { exportMemberData } from "@/lib/members/export";

/**
 * "Download my data": the signed-in member's own data as a JSON attachment. Signed out (or
 * suspended, or a session ended elsewhere): 401, nothing else.
 */
export async function GET(): Promise<Response> {
  const user = await currentUser();
  if (!user)
    return Response.json(
      { error: "Sign in to download your data." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  const data = await exportMemberData(user.id);
  if (!data)
    return Response.json(
      { error: "Sign in to download your data." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  const day = data.exportedAt.toISOString().slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vertrekpunt-${user.handle}-${day}.json"`,
      // Personal data: never kept by a shared cache or the browser's.
      "Cache-Control": "private, no-store",
    },
  });
}
