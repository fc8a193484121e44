import Link from "next/link";
import { startingPointColor } from "@/lib/starting-points/color";

export function StartingPointTags({ tags }: { tags: { slug: string; name: string; position: number }[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link
            href={`/starting-points/${tag.slug}`}
            className="inline-block rounded-full border px-2.5 py-0.5 text-sm font-medium no-underline hover:underline"
            style={{ color: startingPointColor(tag.position), borderColor: startingPointColor(tag.position) }}
          >
            {tag.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
