import { getTranslations } from "next-intl/server";
import { requestLocale } from "@/lib/auth/request-locale";
import { isValidNonce } from "@/lib/security/headers";

/*
 * The API reference, rendered by Swagger UI (swagger-ui-dist, served from our own origin so
 * it works offline and needs no third-party script) from the generated OpenAPI document.
 * The CSP (proxy.ts) only runs scripts that carry the request's nonce, so the page is rendered
 * per request with the nonce from `x-nonce`; Swagger UI's init code is a file, not inline.
 */
type Texts = { lang: string; title: string; heading: string; intro: string; back: string };

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The page's own title and introduction follow the reader's language; Swagger UI's controls
// and the OpenAPI document are in English, marked so for screen readers.
const html = (nonce: string, texts: Texts) => `<!doctype html>
<html lang="${texts.lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(texts.title)}</title>
    <link rel="icon" href="/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/api/reference/swagger-ui.css">
  </head>
  <body>
    <header style="max-width: 1460px; margin: 0 auto; padding: 20px 20px 0; font-family: sans-serif">
      <p><a href="/">${escapeHtml(texts.back)}</a></p>
      <h1>${escapeHtml(texts.heading)}</h1>
      <p>${escapeHtml(texts.intro)}</p>
    </header>
    <main id="swagger-ui" lang="en"></main>
    <script nonce="${nonce}" src="/api/reference/swagger-ui-bundle.js"></script>
    <script nonce="${nonce}" src="/api/reference/init.js"></script>
  </body>
</html>
`;

export async function GET(request: Request) {
  const nonce = request.headers.get("x-nonce");
  const lang = await requestLocale();
  const t = await getTranslations({ locale: lang, namespace: "apiReference" });
  const texts = { lang, title: t("title"), heading: t("heading"), intro: t("intro"), back: t("back") };
  // Without the proxy (it always sets one) there is no nonce and the CSP, if any, blocks the scripts.
  return new Response(html(isValidNonce(nonce) ? nonce : "", texts), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
