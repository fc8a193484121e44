import { notFound } from "next/navigation";
import { shareCardResponse } from "@/lib/share/card-image";
import { startingPointShareCard } from "@/lib/share/cards";

// File-convention config: literal values (Next reads them statically). Twitter reuses this
// image: Next copies og:image into twitter:image when the page sets no Twitter images.
export const alt = "The starting point's name and colour on Vertrekpunt";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

/** One starting point, or the intersection "a+b" of two (both names, both colours). */
export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const card = await startingPointShareCard((await params).slug);
  if (!card) notFound();
  return shareCardResponse(card);
}
