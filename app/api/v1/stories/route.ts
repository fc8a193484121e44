import { storiesEndpoint } from "@/lib/api/resources";
import { corsPreflight } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => storiesEndpoint(request);
export const OPTIONS = () => corsPreflight();
