import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SettingsNav } from "@/components/settings-nav";

// Personal pages: nothing for search engines.
export const metadata: Metadata = { robots: { index: false } };

/** The member's own settings; each page checks the session itself. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("settings");
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <SettingsNav
        label={t("title")}
        links={[
          { href: "/settings/profile", label: t("profileTitle") },
          { href: "/settings/account", label: t("accountTitle") },
          { href: "/settings/notifications", label: t("notificationsTitle") },
        ]}
      />
      <div className="min-w-0 space-y-8">{children}</div>
    </div>
  );
}
