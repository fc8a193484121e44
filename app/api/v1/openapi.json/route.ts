import "@/lib/api/schemas";
import { openApiDocument } from "@/lib/api/openapi";
import { siteOrigin } from "@/lib/feeds/site-url";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(openApiDocument(await siteOrigin()), {
    headers: { "Access-Control-Allow-Origin": "*" },
  });
}
