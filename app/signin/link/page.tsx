import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  // The address holds a secret: keep it out of indexes and out of Referer headers.
  return { title: t("magicLinkLandingTitle"), robots: { index: false }, referrer: "no-referrer" };
}

type Query = { token?: string; email?: string; callbackUrl?: string };

/**
 * Where the sign-in link in the mail leads. The token is used only when the person presses the
 * button (Auth.js's callback, which signs in and goes on to `callbackUrl`): mail scanners that
 * open every link in a message would otherwise spend it before the person could.
 */
export default async function MagicLinkLandingPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const t = await getTranslations("auth");
  const token = typeof query.token === "string" ? query.token : "";
  const email = typeof query.email === "string" ? query.email : "";
  // Auth.js's tokens are 64 hex characters; anything else is a damaged link.
  if (!/^[0-9a-f]{64}$/.test(token) || !email) {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{t("magicLinkInvalidTitle")}</h1>
        <p className="text-stone-700">{t("magicLinkInvalid")}</p>
        <p>
          <Link href="/signin/email" className="font-medium">
            {t("requestNewLink")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("magicLinkLandingTitle")}</h1>
        <p className="text-stone-700">{t("magicLinkLanding", { email })}</p>
      </header>
      <form method="get" action="/api/auth/callback/email">
        <input type="hidden" name="callbackUrl" value={safeCallbackUrl(query.callbackUrl)} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          {t("magicLinkSignIn")}
        </button>
      </form>
    </div>
  );
}
