import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen: the table scrolls sideways inside its own box (focusable,
 * so keyboard users can scroll it too), the page does not, and the caption stays put above the
 * box instead of scrolling away with the table. The table takes its name from the caption:
 * give it `aria-labelledby={id}`.
 */
export function TableBox({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <p id={id} className="text-sm text-stone-600">
        {caption}
      </p>
      {/* `relative`: the containing block of the screen-reader-only text in the cells, which would otherwise widen the page. */}
      <div role="region" aria-labelledby={id} tabIndex={0} className="relative max-w-full overflow-x-auto">
        {children}
      </div>
    </div>
  );
}
