import { storyEndpoint } from "@/lib/api/resources";
import { apiRoute, corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
  storyEndpoint(request, (await params).slug),
);
export const OPTIONS = () => corsPreflight();
