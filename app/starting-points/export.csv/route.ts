import { exportRows } from "@/lib/model/export-rows";
import { toCsv } from "@/lib/model/export";

export const dynamic = "force-dynamic";

export async function GET() {
  const { slugs, rows } = await exportRows();
  return new Response(toCsv(slugs, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="vertrekpunt-stories.csv"',
      "Cache-Control": "no-store",
    },
  });
}
