import { PendingButton } from "./forms/pending-button";

export type NotificationListItem = {
  id: string;
  text: string;
  /** A moderator's reason, already worded ("Reason: …"). */
  detail: string | null;
  /** `/notifications/<id>`: marks it read and goes on to what it is about; null when it leads nowhere. */
  href: string | null;
  read: boolean;
  date: { iso: string; label: string };
};

/**
 * A member's notifications, unread ones marked. Each sentence links through
 * `/notifications/<id>`, which marks it read on the way; a plain `<a>`, never a prefetching
 * Link, since following it changes something.
 */
export function NotificationList({
  items,
  markReadAction,
  labels,
}: {
  items: NotificationListItem[];
  markReadAction: (formData: FormData) => Promise<void>;
  labels: { new: string; markRead: string };
}) {
  return (
    <ol className="space-y-3">
      {items.map((item) => (
        <li
          key={item.id}
          className={`rounded border p-4 ${item.read ? "border-stone-200 bg-white" : "border-brand-600 bg-brand-50"}`}
        >
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
            <div className="min-w-0 flex-1">
              <p className="text-sm text-stone-600">
                {!item.read ? (
                  <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-medium text-white">
                    {labels.new}
                  </span>
                ) : null}
                <time dateTime={item.date.iso}>{item.date.label}</time>
              </p>
              <p className="mt-1">{item.href ? <a href={item.href}>{item.text}</a> : item.text}</p>
              {item.detail ? <p className="text-stone-700">{item.detail}</p> : null}
            </div>
            {!item.read ? (
              <form action={markReadAction}>
                <input type="hidden" name="id" value={item.id} />
                <PendingButton className="rounded border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100">
                  {labels.markRead}
                </PendingButton>
              </form>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
