import { startingPointsEndpoint } from "@/lib/api/resources";
import { apiRoute, corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute((request: Request) => startingPointsEndpoint(request));
export const OPTIONS = () => corsPreflight();
