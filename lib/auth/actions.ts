"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { createMember, EmailTakenError } from "@/lib/members/queries";
import { validationErrorMap, type FormState } from "@/lib/validation/error-map";
import { signIn, signOut } from "./auth";
import { safeCallbackUrl } from "./callback-url";
import { hashPassword } from "./password";
import { signInSchema, signUpSchema } from "./schema";

// The password is never sent back to the browser, not even after a rejected submission.
export type SignUpValues = { name: string; email: string };
export type SignInValues = { email: string };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function signUpAction(_prev: FormState<SignUpValues>, formData: FormData): Promise<FormState<SignUpValues>> {
  const t = await getTranslations();
  const values = { name: text(formData, "name"), email: text(formData, "email") };
  const parsed = signUpSchema.safeParse({ ...values, password: text(formData, "password") }, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  try {
    await createMember({
      name: parsed.data.name,
      email: parsed.data.email,
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch (error) {
    if (error instanceof EmailTakenError) return { ok: false, fieldErrors: { email: [t("auth.emailTaken")] }, values };
    throw error;
  }

  // Signs the new member in and redirects (throws Next's redirect on success).
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
  });
  return { ok: true };
}

export async function signInAction(_prev: FormState<SignInValues>, formData: FormData): Promise<FormState<SignInValues>> {
  const t = await getTranslations();
  const values = { email: text(formData, "email") };
  const parsed = signInSchema.safeParse({ ...values, password: text(formData, "password") }, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    // One message for every failed sign-in: it must not reveal whether the email exists.
    if (error instanceof AuthError) return { ok: false, fieldErrors: {}, formError: t("auth.invalidCredentials"), values };
    throw error;
  }
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
