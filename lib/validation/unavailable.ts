import "server-only";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { isDatabaseUnavailable } from "@/db/health";
import { errorFields, log } from "@/lib/log";
import { formValues } from "./form-data";
import { formError, FormRefusal, type FormState } from "./form-state";

type FormAction<Values> = (state: FormState<Values>, formData: FormData) => Promise<FormState<Values>>;

/**
 * Runs a form's server action so that, while the database cannot be reached, the person gets a
 * message and their input back instead of an error page that loses what they wrote. Every
 * other error (and Next's redirects) passes through unchanged. Password fields are never sent
 * back. It also answers a `refuse()` from inside the action (a guard such as `requireUser`) with
 * the refusal it carries (every form action that needs a member runs through here).
 */
export async function keepInputWhenUnavailable<Values>(
  action: FormAction<Values>,
  state: FormState<Values>,
  formData: FormData,
  arrayFields: readonly string[] = [],
): Promise<FormState<Values>> {
  try {
    return await action(state, formData);
  } catch (error) {
    if (error instanceof FormRefusal) return error.state as FormState<Values>;
    if (!isDatabaseUnavailable(error)) throw error;
    const requestId = (await headers()).get("x-request-id");
    log.error("database unavailable during a form submission", { requestId, ...errorFields(error) });
    const t = await getTranslations("errors");
    const values = Object.fromEntries(
      Object.entries(formValues(formData, arrayFields)).filter(
        ([name]) => !/password|idempotencyKey/i.test(name),
      ),
    ) as Values;
    return formError(
      requestId ? `${t("unavailableSaving")} ${t("reference", { id: requestId })}` : t("unavailableSaving"),
      values,
    );
  }
}
