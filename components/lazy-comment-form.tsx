"use client";

import { lazy, type ComponentProps } from "react";
import type { CommentForm } from "./comment-form";

const Form = lazy(() => import("./comment-form").then((module) => ({ default: module.CommentForm })));

/**
 * The comment form, loaded where one is shown: its editor and checks are most of the story
 * page's own JavaScript, and a visitor who is not signed in never sees one. Rendered on the
 * server like any component (no Suspense boundary of its own, so the server waits for it and the
 * form is in the HTML, working before and without its script). React.lazy rather than
 * next/dynamic: the same behaviour, without next/dynamic's 3 kB (gzip) of runtime on the page.
 */
export function LazyCommentForm(props: ComponentProps<typeof CommentForm>) {
  return <Form {...props} />;
}
