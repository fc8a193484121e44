import { z } from "zod";

/*
 * zod for schemas that also run in the browser. Without eval: the Content-Security-Policy
 * forbids it, and zod would otherwise try `new Function` while building each object schema
 * (a CSP violation report) before falling back to this mode anyway. Imported by every shared
 * schema, so the setting is in place before the first schema is built.
 */
z.config({ jitless: true });

export { z };
