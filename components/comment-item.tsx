"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { deleteCommentAction, updateCommentAction } from "@/lib/comments/actions";
import { CommentForm } from "./comment-form";
import { ConfirmButton } from "./forms/confirm-button";

export type CommentItemProps = {
  id: string;
  html: string;
  body: string;
  createdAt: Date;
  edited: boolean;
  author: { name: string; handle: string } | null;
  canEdit: boolean;
  canDelete: boolean;
  /** Hidden by moderators; the reason only for its author and moderators. */
  hidden?: { reason: string | null } | null;
  reportHref?: string | null;
};

export function CommentItem({ id, html, body, createdAt, edited, author, canEdit, canDelete, hidden, reportHref }: CommentItemProps) {
  const t = useTranslations("comments");
  const tStories = useTranslations("stories");
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const stopEditing = useCallback(() => setEditing(false), []);

  return (
    <li id={`comment-${id}`} className="rounded border border-stone-200 bg-white p-4">
      <p className="text-sm text-stone-600">
        {author ? (
          <Link href={`/members/${author.handle}`} className="font-medium">
            {author.name}
          </Link>
        ) : (
          <span className="font-medium">{tStories("formerMember")}</span>
        )}
        {" · "}
        <time dateTime={createdAt.toISOString()}>{format.dateTime(createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
        {edited ? ` · ${t("edited")}` : null}
      </p>
      {hidden ? (
        <div className="mt-2 italic text-stone-700">
          <p>{t("hiddenPlaceholder")}</p>
          {hidden.reason ? <p className="text-sm">{t("hiddenReason", { reason: hidden.reason })}</p> : null}
        </div>
      ) : editing ? (
        <div className="mt-3">
          <CommentForm action={updateCommentAction} commentId={id} defaultValue={body} onDone={stopEditing} onCancel={stopEditing} />
        </div>
      ) : (
        <div className="prose mt-2" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {!editing && (canEdit || canDelete || reportHref) ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {canEdit ? (
            <button type="button" onClick={() => setEditing(true)} className="rounded border border-stone-400 px-3 py-1.5 hover:bg-stone-100">
              {t("edit")}
            </button>
          ) : null}
          {canDelete ? (
            <form action={deleteCommentAction}>
              <input type="hidden" name="commentId" value={id} />
              <ConfirmButton confirmMessage={t("deleteConfirm")}>{t("delete")}</ConfirmButton>
            </form>
          ) : null}
          {reportHref ? (
            <Link href={reportHref} rel="nofollow" className="ml-auto text-sm text-stone-600">
              {t("report")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
