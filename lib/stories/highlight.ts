const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Turns a search snippet from the database (raw member text, matches between \u0002 and
 * \u0003) into safe HTML: everything is escaped first, then only the markers become <mark>.
 */
export function highlightSnippet(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (char) => ESCAPES[char])
    .replace(/\u0002/g, "<mark>")
    .replace(/\u0003/g, "</mark>")
    .replace(/\s+/g, " ")
    .trim();
}
