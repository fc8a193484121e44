import { z } from "../validation/zod";

export const NAME_MAX = 80;
export const EMAIL_MAX = 254; // RFC 5321's practical limit for an address.
export const PASSWORD_MIN = 10; // Length beats composition rules (NIST SP 800-63B).
export const PASSWORD_MAX = 200; // Bounds the hashing work one request can ask for.

// Emails are compared case-insensitively everywhere, so they are stored in one form.
export const emailField = z.string().trim().toLowerCase().min(1).max(EMAIL_MAX).pipe(z.email());

// Not trimmed: a password is exactly what the person typed. Sign-up and password reset share it.
export const newPasswordField = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

/*
 * A display name is one line of plain text that others see beside stories, in mail headers
 * ("Anna commented on your story") and in feeds. Refused rather than quietly changed, so
 * the person sees what is wrong:
 * - control characters (a line break in a name once wrote a separate `Bcc:` line into a mail),
 *   line and paragraph separators, and the characters that change the direction of the text
 *   around them (Bidi_Control: U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), which can make
 *   a name read as something else;
 * - a word that mixes Latin with Cyrillic or Greek letters ("Аlice" with a Cyrillic А): a
 *   look-alike of a Latin name. A name wholly in one script is welcome.
 */
const NAME_FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

export function mixesLookAlikeScripts(text: string): boolean {
  return text.split(/[^\p{L}\p{M}]+/u).some((word) => LATIN.test(word) && CYRILLIC_OR_GREEK.test(word));
}

export const displayNameField = z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX)
  .refine((name) => !NAME_FORBIDDEN.test(name), { params: { key: "validation.nameCharacters" } })
  .refine((name) => !mixesLookAlikeScripts(name), { params: { key: "validation.nameMixedScripts" } });

export const signUpSchema = z.object({
  name: displayNameField,
  email: emailField,
  password: newPasswordField,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

// 32 random bytes in base64url (lib/auth/password-reset.ts); anything else cannot be a token.
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const resetTokenField = z.string().regex(RESET_TOKEN_PATTERN);

export const resetPasswordSchema = z.object({
  token: resetTokenField,
  password: newPasswordField,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

// ---------------------------------------------------------------- sign-in links and account mail

export const magicLinkSchema = z.object({ email: emailField });
export type MagicLinkInput = z.infer<typeof magicLinkSchema>;

// Confirmation links (lib/auth/email-tokens.ts) use the reset links' token format.
export const emailTokenField = resetTokenField;
export const confirmEmailSchema = z.object({ token: emailTokenField });

// The current password is checked, not validated: any stored password must be accepted here.
export const currentPasswordField = z.string().min(1).max(PASSWORD_MAX);

export const changePasswordSchema = z.object({
  currentPassword: currentPasswordField,
  newPassword: newPasswordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

// The password guards the address against someone who only has the session (a shared computer).
export const changeEmailSchema = z.object({
  email: emailField,
  currentPassword: currentPasswordField,
});
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

export const ACCOUNT_CONTENT_CHOICES = ["keep", "delete"] as const;
export type AccountContentChoice = (typeof ACCOUNT_CONTENT_CHOICES)[number];

export const deleteAccountSchema = z.object({
  content: z.enum(ACCOUNT_CONTENT_CHOICES),
  currentPassword: currentPasswordField,
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
