export const FLASH_COOKIE = "vp-flash";

/** Each key is a message in the catalogue's "feedback" namespace. */
export const FLASH_KEYS = ["published", "submitted", "draftSaved", "changesSaved", "signedUp"] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];

export function isFlashKey(value: unknown): value is FlashKey {
  return (FLASH_KEYS as readonly unknown[]).includes(value);
}
