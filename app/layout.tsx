import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { siteOrigin } from "@/lib/feeds/site-url";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeeds, origin] = await Promise.all([getTranslations("meta"), getTranslations("feeds"), siteOrigin()]);
  return {
    metadataBase: new URL(origin),
    title: { default: `${t("siteName")}: ${t("tagline")}`, template: `%s · ${t("siteName")}` },
    description: t("description"),
    alternates: { types: { "application/atom+xml": [{ url: "/stories/feed.xml", title: tFeeds("allStories") }] } },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
            {children}
          </main>
          <SiteFooter />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
