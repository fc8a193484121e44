import { renderMarkdown } from "@/lib/markdown/render";

/** Member-written Markdown, rendered and sanitised on the server. */
export function Markdown({ source, lang }: { source: string; lang?: string }) {
  return <div className="prose" lang={lang} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
