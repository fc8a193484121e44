import { storyEndpoint } from "@/lib/api/resources";
import { corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return storyEndpoint(request, (await params).slug);
}
export const OPTIONS = () => corsPreflight();
