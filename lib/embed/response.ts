import "server-only";

/*
 * Embeds are rendered per request from cached reads (decision 024), like every page, so a
 * change shows in the frame on its next load. The language follows the cookie and the browser
 * unless `?lang=` names it: caches between us and the reader must keep those apart.
 */
export function embedResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
      Vary: "Accept-Language, Cookie",
    },
  });
}
