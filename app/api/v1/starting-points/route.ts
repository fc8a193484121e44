import { startingPointsEndpoint } from "@/lib/api/resources";
import { corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => startingPointsEndpoint(request);
export const OPTIONS = () => corsPreflight();
