"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { FLASH_COOKIE, isFlashKey } from "@/lib/feedback/flash-keys";
import { announce, STATUS_REGION_ID } from "./action-feedback";

function takeFlash(): string | null {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${FLASH_COOKIE}=`));
  if (!entry) return null;
  document.cookie = `${FLASH_COOKIE}=; path=/; max-age=0; samesite=lax`;
  return decodeURIComponent(entry.slice(FLASH_COOKIE.length + 1));
}

/**
 * The polite status region every confirmation is said in, and the confirmation of an action
 * that ended on another page (lib/feedback/flash.ts): the page's heading takes the focus, so
 * the next Tab starts from the result, and the region says what happened.
 */
export function FlashMessage() {
  const t = useTranslations("feedback");
  const pathname = usePathname();
  useEffect(() => {
    const key = takeFlash();
    if (!isFlashKey(key)) return;
    const heading = document.querySelector<HTMLElement>("#main h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    announce(t(key));
  }, [pathname, t]);
  // aria-live without role="status": the pages' own status messages keep that role to themselves.
  return <div id={STATUS_REGION_ID} aria-live="polite" aria-atomic="true" className="sr-only" />;
}
