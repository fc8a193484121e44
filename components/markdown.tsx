import { renderMarkdown } from "@/lib/markdown/render";

/**
 * Member-written Markdown, rendered and sanitised on the server: from its source, or already
 * rendered by renderMarkdown (the cached reads in lib/cache/reads.ts keep it that way).
 */
export function Markdown(props: ({ source: string } | { html: string }) & { lang?: string }) {
  const html = "html" in props ? props.html : renderMarkdown(props.source);
  return <div className="prose" lang={props.lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
