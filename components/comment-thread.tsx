"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CommentItem, type CommentItemProps } from "./comment-item";
import { useHydrated } from "./use-hydrated";

/**
 * A top-level comment with its replies (one level deep, oldest first). With JavaScript the
 * replies can be hidden and shown again; without it they are always shown.
 */
export function CommentThread({
  storySlug,
  comment,
  replies,
}: {
  storySlug: string;
  comment: CommentItemProps;
  replies: CommentItemProps[];
}) {
  const t = useTranslations("comments");
  const hydrated = useHydrated();
  const [open, setOpen] = useState(true);
  const list = useRef<HTMLOListElement>(null);
  const reveal = useRef<string | null>(null);
  const listId = `replies-${comment.id}`;

  // A link to a reply in a hidden thread (#comment-<id>) shows the thread, then scrolls to it.
  useEffect(() => {
    function onHashChange() {
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (!target || !list.current?.contains(target) || !list.current.hidden) return;
      reveal.current = target.id;
      setOpen(true);
    }
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  useEffect(() => {
    if (open && reveal.current) {
      document.getElementById(reveal.current)?.scrollIntoView();
      reveal.current = null;
    }
  }, [open]);

  return (
    <li className={replies.length > 0 ? "space-y-3" : undefined}>
      <CommentItem storySlug={storySlug} {...comment} />
      {replies.length > 0 ? (
        <div className="ml-4 space-y-3 sm:ml-8">
          {hydrated ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={listId}
              onClick={() => setOpen((value) => !value)}
              className="text-sm font-medium text-brand-700 underline underline-offset-2"
            >
              {open
                ? t("hideReplies", { count: replies.length })
                : t("showReplies", { count: replies.length })}
            </button>
          ) : null}
          <ol ref={list} id={listId} hidden={!open} className="space-y-3 border-l-2 border-stone-200 pl-4">
            {replies.map((reply) => (
              <li key={reply.id}>
                <CommentItem storySlug={storySlug} {...reply} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </li>
  );
}
