import { z } from "../validation/zod";

export const NAME_MAX = 80;
export const EMAIL_MAX = 254; // RFC 5321's practical limit for an address.
export const PASSWORD_MIN = 10; // Length beats composition rules (NIST SP 800-63B).
export const PASSWORD_MAX = 200; // Bounds the hashing work one request can ask for.

// Emails are compared case-insensitively everywhere, so they are stored in one form.
export const emailField = z.string().trim().toLowerCase().min(1).max(EMAIL_MAX).pipe(z.email());

export const signUpSchema = z.object({
  name: z.string().trim().min(1).max(NAME_MAX),
  email: emailField,
  // Not trimmed: a password is exactly what the person typed.
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type SignInInput = z.infer<typeof signInSchema>;
