import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PendingButton } from "@/components/forms/pending-button";
import { isAdmin } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { setApprovalSettingAction, setRoleAction } from "@/lib/moderation/actions";
import { getSettings } from "@/lib/admin/settings";
import { listMembers } from "@/lib/admin/members";
import { ASSIGNABLE_ROLES } from "@/lib/moderation/schema";
import { first } from "@/lib/stories/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title"), robots: { index: false } };
}

const MESSAGES = { saved: ["role", "settings"], error: ["lastAdmin", "notAllowed", "gone"] } as const;

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/admin");
  if (!isAdmin(user)) notFound();
  const query = await searchParams;
  const q = (first(query.q) ?? "").slice(0, 100);
  const saved = MESSAGES.saved.find((key) => key === first(query.saved));
  const error = MESSAGES.error.find((key) => key === first(query.error));
  const [t, format, settings, members] = await Promise.all([
    getTranslations("admin"),
    getFormatter(),
    getSettings(),
    listMembers(q),
  ]);

  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="flex gap-4">
          <Link href="/moderation">{t("moderationLink")}</Link>
          <Link href="/admin/audit">{t("auditLink")}</Link>
        </p>
        {saved ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
            {t(`saved_${saved}`)}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {t(`error_${error}`)}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="settings-heading" className="space-y-3">
        <h2 id="settings-heading" className="text-xl font-semibold">
          {t("settingsTitle")}
        </h2>
        <form
          action={setApprovalSettingAction}
          className="space-y-3 rounded-lg border border-stone-200 bg-white p-5"
        >
          <div className="flex items-start gap-2">
            <input
              id="approveNewMembersStories"
              name="approveNewMembersStories"
              type="checkbox"
              defaultChecked={settings.approveNewMembersStories}
              aria-describedby="approveNewMembersStories-hint"
              className="mt-1 size-4"
            />
            <div>
              <label htmlFor="approveNewMembersStories">{t("approveSetting")}</label>
              <p id="approveNewMembersStories-hint" className="text-sm text-stone-600">
                {t("approveHint")}
              </p>
            </div>
          </div>
          <PendingButton className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("saveSettings")}
          </PendingButton>
        </form>
      </section>

      <section aria-labelledby="members-heading" className="space-y-4">
        <h2 id="members-heading" className="text-xl font-semibold">
          {t("membersTitle")}
        </h2>
        <p className="text-stone-700">{t("membersIntro")}</p>
        <form method="get" action="/admin" role="search" className="flex gap-2">
          <label htmlFor="member-search" className="sr-only">
            {t("searchMembers")}
          </label>
          <input
            id="member-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={t("searchMembers")}
            className="block w-full max-w-md rounded border border-stone-400 px-3 py-2"
          />
          <button
            type="submit"
            className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
          >
            {t("search")}
          </button>
        </form>
        {members.length === 0 ? <p className="text-stone-600">{t("noMembers")}</p> : null}
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <p className="font-medium">
                  <a href={`/members/${member.handle}`}>{member.name}</a>{" "}
                  <span className="text-stone-600">@{member.handle}</span>
                  {member.suspended ? (
                    <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-sm text-red-900">
                      {t("suspended")}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-stone-600">
                  {member.email} ·{" "}
                  {t("joined", { date: format.dateTime(member.createdAt, { dateStyle: "medium" }) })}
                </p>
              </div>
              <form action={setRoleAction} className="flex items-center gap-2">
                <input type="hidden" name="userId" value={member.id} />
                <label htmlFor={`role-${member.id}`} className="sr-only">
                  {t("roleOf", { name: member.name })}
                </label>
                <select
                  id={`role-${member.id}`}
                  name="role"
                  defaultValue={member.role}
                  className="rounded border border-stone-400 bg-white px-2 py-1.5"
                >
                  {ASSIGNABLE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role_${role}`)}
                    </option>
                  ))}
                </select>
                <PendingButton className="rounded border border-stone-400 bg-white px-3 py-1.5 hover:bg-stone-100">
                  {t("saveRole")}
                </PendingButton>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
