/*
 * The API reference, rendered by Swagger UI (swagger-ui-dist, served from our own origin so
 * it works offline and needs no third-party script) from the generated OpenAPI document.
 */
export const dynamic = "force-static";

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Vertrekpunt read API</title>
    <link rel="stylesheet" href="/api/reference/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/api/reference/swagger-ui-bundle.js"></script>
    <script src="/api/reference/init.js"></script>
  </body>
</html>
`;

export function GET() {
  return new Response(HTML, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
