import { relatedStoriesEndpoint } from "@/lib/api/resources";
import { corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return relatedStoriesEndpoint(request, (await params).slug);
}
export const OPTIONS = () => corsPreflight();
