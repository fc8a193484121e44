"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The settings sections; the current one is marked for screen readers and by its style. */
export function SettingsNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2 md:flex-col">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded px-3 py-2 no-underline hover:bg-stone-100 hover:no-underline ${current ? "bg-stone-200 font-semibold text-stone-900" : "text-stone-800"}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
