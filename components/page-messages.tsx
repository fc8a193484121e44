import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pageMessages, type PageWithMessages } from "@/lib/i18n/client-messages";

/**
 * Wraps what a page renders, so that its client components get the strings they translate with
 * and no others. `page` is the page's own file; a test checks each page names itself.
 * `onDemand` adds the strings of the components the page loads only on demand (next/dynamic),
 * for a reader who may be shown one.
 */
export async function PageMessages({
  page,
  onDemand = false,
  children,
}: {
  page: PageWithMessages;
  onDemand?: boolean;
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider messages={pageMessages(await getMessages(), page, { onDemand })}>
      {children}
    </NextIntlClientProvider>
  );
}
