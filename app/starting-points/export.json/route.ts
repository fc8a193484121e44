import { exportRows } from "@/lib/model/export-rows";
import { toJson } from "@/lib/model/export";

export const dynamic = "force-dynamic";

export async function GET() {
  const { slugs, rows } = await exportRows();
  return Response.json(toJson(slugs, rows), {
    headers: {
      "Content-Disposition": 'attachment; filename="vertrekpunt-stories.json"',
      "Cache-Control": "no-store",
    },
  });
}
