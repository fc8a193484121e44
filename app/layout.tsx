import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { EmailConfirmationBanner } from "@/components/email-confirmation-banner";
import { FlashMessage } from "@/components/flash-message";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { currentSession } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/feeds/site-url";
import { frameMessages } from "@/lib/i18n/client-messages";
import { getReaderLocale } from "@/lib/i18n/server";
import { alternateOpenGraphLocales, openGraphLocale } from "@/lib/share/text";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeeds, origin, locale] = await Promise.all([
    getTranslations("meta"),
    getTranslations("feeds"),
    siteOrigin(),
    getReaderLocale(),
  ]);
  return {
    metadataBase: new URL(origin),
    title: { default: `${t("siteName")}: ${t("tagline")}`, template: `%s · ${t("siteName")}` },
    description: t("description"),
    alternates: {
      types: { "application/atom+xml": [{ url: "/stories/feed.xml", title: tFeeds("allStories") }] },
    },
    // Inherited by every page without its own: no title, description or url here, so Next
    // fills in each page's own title and description instead of the home page's. No image
    // at this level, hence the small Twitter card; stories and starting points bring theirs.
    openGraph: {
      type: "website",
      siteName: t("siteName"),
      locale: openGraphLocale(locale),
      alternateLocale: alternateOpenGraphLocales(locale),
    },
    twitter: { card: "summary" },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, messages, { user }] = await Promise.all([
    getLocale(),
    getTranslations("nav"),
    getMessages(),
    currentSession(),
  ]);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        {/* In the flow when focused, so it pushes the header down instead of covering the logo. */}
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:mx-4 focus:my-2 focus:block focus:w-fit focus:rounded focus:bg-white focus:p-2"
        >
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={frameMessages(messages)}>
          <SiteHeader />
          {user?.emailUnconfirmed ? <EmailConfirmationBanner /> : null}
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
            {children}
          </main>
          <SiteFooter />
          <FlashMessage />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
