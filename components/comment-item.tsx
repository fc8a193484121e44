"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { deleteCommentAction, postCommentAction, updateCommentAction } from "@/lib/comments/actions";
import { commentPermalink } from "@/lib/comments/permalink";
import { ConfirmButton } from "./forms/confirm-button";
import { LazyCommentForm } from "./lazy-comment-form";
import { useHydrated } from "./use-hydrated";
import type { CommentItemView } from "@/lib/comments/view";
import { UsefulButton } from "./useful-button";

/** What the story page lists for each comment (lib/comments/view.ts decides it per reader). */
export type CommentItemProps = CommentItemView;

const smallButton = "rounded border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100";

export function CommentItem({
  storySlug,
  id,
  html = "",
  body = "",
  createdAt,
  edited,
  author,
  canEdit,
  canDelete,
  hidden,
  deleted,
  reportHref,
  useful,
  reply,
  replyTo,
}: CommentItemProps & { storySlug: string }) {
  const t = useTranslations("comments");
  const tStories = useTranslations("stories");
  const tFeedback = useTranslations("feedback");
  const format = useFormatter();
  const hydrated = useHydrated();
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(reply?.open ?? false);
  const replyButton = useRef<HTMLButtonElement>(null);
  // Where the keyboard focus goes once the reply form has opened or closed.
  const focusNext = useRef<"field" | "button" | null>(null);
  const stopEditing = useCallback(() => setEditing(false), []);
  const stopReplying = useCallback(() => setReplying(false), []);
  const cancelReply = useCallback(() => {
    focusNext.current = "button";
    setReplying(false);
  }, []);
  const formId = `reply-form-${id}`;
  // Heard out of context (a screen reader's list of buttons), each control says whose comment it acts on.
  const whose = (action: string) =>
    tFeedback("commentOf", { action, name: author?.name ?? tStories("formerMember") });

  useEffect(() => {
    if (focusNext.current === "field" && replying) document.getElementById(`reply-${id}-body`)?.focus();
    if (focusNext.current === "button" && !replying) replyButton.current?.focus();
    focusNext.current = null;
  }, [replying, id]);

  if (deleted) {
    return (
      <div id={`comment-${id}`} tabIndex={-1} className="comment bg-stone-100 italic text-stone-700">
        {t("deletedPlaceholder")}
      </div>
    );
  }

  return (
    <div id={`comment-${id}`} tabIndex={-1} className="comment">
      <p className="comment-meta">
        {author ? (
          <Link href={`/members/${author.handle}`}>{author.name}</Link>
        ) : (
          <span>{tStories("formerMember")}</span>
        )}
        {" · "}
        <time dateTime={createdAt.toISOString()}>
          {format.dateTime(createdAt, { dateStyle: "medium", timeStyle: "short" })}
        </time>
        {edited ? ` · ${t("edited")}` : null}
      </p>
      {replyTo ? (
        <p className="mt-2 border-l-2 border-stone-300 pl-3 text-sm text-stone-700">
          {replyTo.quote === null ? (
            t("inReplyToRemoved")
          ) : (
            <>
              <a href={`#comment-${replyTo.id}`}>
                {t("inReplyTo", { name: replyTo.name ?? tStories("formerMember") })}
              </a>
              {": "}
              <q className="italic">{replyTo.quote}</q>
            </>
          )}
        </p>
      ) : null}
      {hidden ? (
        <div className="mt-2 italic text-stone-700">
          <p>{t("hiddenPlaceholder")}</p>
          {hidden.reason ? <p className="text-sm">{t("hiddenReason", { reason: hidden.reason })}</p> : null}
        </div>
      ) : editing ? (
        <div className="mt-3">
          <LazyCommentForm
            action={updateCommentAction}
            commentId={id}
            defaultValue={body}
            onDone={stopEditing}
            onCancel={stopEditing}
          />
        </div>
      ) : (
        <div className="prose mt-2" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {!editing ? (
        <div className="comment-actions">
          {useful ? (
            <UsefulButton
              kind="comment"
              targetId={id}
              count={useful.count}
              pressed={useful.pressed ?? false}
              canToggle={useful.canToggle ?? false}
              describe={whose}
            />
          ) : null}
          {reply && !replying ? (
            hydrated ? (
              <button
                ref={replyButton}
                type="button"
                aria-label={whose(t("reply"))}
                onClick={() => {
                  focusNext.current = "field";
                  // A transition: should the form's code still be loading, the button stays
                  // until the form can take its place.
                  startTransition(() => setReplying(true));
                }}
                className={smallButton}
              >
                {t("reply")}
              </button>
            ) : (
              <a href={reply.href} aria-label={whose(t("reply"))}>
                {t("reply")}
              </a>
            )
          ) : null}
          {canEdit ? (
            <button
              type="button"
              aria-label={whose(t("edit"))}
              onClick={() => startTransition(() => setEditing(true))}
              className={smallButton}
            >
              {t("edit")}
            </button>
          ) : null}
          {canDelete ? (
            <form action={deleteCommentAction}>
              <input type="hidden" name="commentId" value={id} />
              <ConfirmButton
                confirmMessage={t("deleteConfirm")}
                aria-label={whose(t("delete"))}
                className="rounded border border-red-700 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60"
              >
                {t("delete")}
              </ConfirmButton>
            </form>
          ) : null}
          {/* A plain link: the permalink answers with a redirect to the right page of comments. */}
          <a href={commentPermalink(storySlug, id)} aria-label={whose(t("permalink"))}>
            {t("permalink")}
          </a>
          {reportHref ? (
            <Link href={reportHref} rel="nofollow" aria-label={whose(t("report"))} className="ml-auto">
              {t("report")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {reply ? (
        <div id={formId} className={replying ? "mt-4 border-t border-stone-200 pt-4" : undefined}>
          {replying ? (
            <LazyCommentForm
              action={postCommentAction}
              storyId={reply.storyId}
              replyToId={id}
              idempotencyKey={reply.idempotencyKey}
              onDone={stopReplying}
              onCancel={hydrated ? cancelReply : undefined}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
