import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pageMessages, type PageWithMessages } from "@/lib/i18n/client-messages";

/**
 * Wraps what a page renders, so that its client components get the strings they translate with
 * and no others. `page` is the page's own file; a test checks each page names itself.
 */
export async function PageMessages({
  page,
  children,
}: {
  page: PageWithMessages;
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider messages={pageMessages(await getMessages(), page)}>
      {children}
    </NextIntlClientProvider>
  );
}
