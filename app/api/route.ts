import { isValidNonce } from "@/lib/security/headers";

/*
 * The API reference, rendered by Swagger UI (swagger-ui-dist, served from our own origin so
 * it works offline and needs no third-party script) from the generated OpenAPI document.
 * The CSP (proxy.ts) only runs scripts that carry the request's nonce, so the page is rendered
 * per request with the nonce from `x-nonce`; Swagger UI's init code is a file, not inline.
 */
const html = (nonce: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Vertrekpunt read API</title>
    <link rel="icon" href="/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/api/reference/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script nonce="${nonce}" src="/api/reference/swagger-ui-bundle.js"></script>
    <script nonce="${nonce}" src="/api/reference/init.js"></script>
  </body>
</html>
`;

export function GET(request: Request) {
  const nonce = request.headers.get("x-nonce");
  // Without the proxy (it always sets one) there is no nonce and the CSP, if any, blocks the scripts.
  return new Response(html(isValidNonce(nonce) ? nonce : ""), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
