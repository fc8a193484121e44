import Link from "next/link";

/**
 * The header's way to the notifications: a bell with the number of unread ones. The link's
 * name carries the count in words ("Notifications, 3 unread"); the badge shows it to the eye
 * and is hidden from screen readers, which would otherwise read it twice.
 */
export function NotificationBell({ unread, label }: { unread: number; label: string }) {
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex items-center p-1 text-stone-800 no-underline hover:text-brand-700 hover:no-underline"
    >
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        className="size-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-1 -right-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
