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
};

export function CommentItem({ id, html, body, createdAt, edited, author, canEdit, canDelete }: CommentItemProps) {
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
      {editing ? (
        <div className="mt-3">
          <CommentForm action={updateCommentAction} commentId={id} defaultValue={body} onDone={stopEditing} onCancel={stopEditing} />
        </div>
      ) : (
        <div className="prose mt-2" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {!editing && (canEdit || canDelete) ? (
        <div className="mt-3 flex gap-3">
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
        </div>
      ) : null}
    </li>
  );
}
