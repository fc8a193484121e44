"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { resendConfirmationAction } from "@/lib/auth/email-actions";
import { PendingButton } from "./forms/pending-button";

/**
 * Shown on every page to a member whose address is not confirmed yet: what waits for it, and a
 * way to get the link again (limited per hour by the action).
 */
export function EmailConfirmationBanner() {
  const t = useTranslations("verifyEmail");
  const [state, formAction] = useActionState(resendConfirmationAction, null);
  return (
    <section
      aria-labelledby="confirm-email-banner"
      className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
    >
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2">
        <p id="confirm-email-banner" className="flex-1">
          {t("banner")}
        </p>
        <form action={formAction}>
          <PendingButton className="rounded border border-amber-700 bg-white px-3 py-1.5 text-amber-950 hover:bg-amber-100">
            {t("sendAgain")}
          </PendingButton>
        </form>
        {state ? (
          <p role="status" className="w-full text-sm font-medium">
            {state.ok ? state.message : state.formError}
          </p>
        ) : null}
      </div>
    </section>
  );
}
