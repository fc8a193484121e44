import { notFound } from "next/navigation";
import { shareCardResponse } from "@/lib/share/card-image";
import { storyShareCard } from "@/lib/share/cards";

// File-convention config: literal values (Next reads them statically). Twitter reuses this
// image: Next copies og:image into twitter:image when the page sets no Twitter images.
export const alt = "The story's title, organisation and starting points on Vertrekpunt";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  // Public: no session check, so only published stories have an image; drafts 404.
  const card = await storyShareCard((await params).slug);
  if (!card) notFound();
  return shareCardResponse(card);
}
