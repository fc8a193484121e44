/*
 * `npm run i18n:client-keys`: writes lib/i18n/client-message-keys.json, the catalogue keys that
 * client components use (lib/i18n/client-message-keys.ts says how they are found).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { clientComponentSources } from "../lib/i18n/client-sources";
import { clientMessageKeys } from "../lib/i18n/client-message-keys";

const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "lib", "i18n", "client-message-keys.json");
const keys = clientMessageKeys(clientComponentSources(root));
writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`);
console.log(`${path.relative(root, file)}: ${keys.length} keys and prefixes`);
