/*
 * `npm run i18n:client-keys`: writes lib/i18n/client-message-keys.json, the catalogue keys the
 * client components of each page use (lib/i18n/client-message-plan.ts says how they are found).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { clientMessagePlan } from "../lib/i18n/client-message-plan";

const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "lib", "i18n", "client-message-keys.json");
const plan = clientMessagePlan(root);
writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
console.log(
  `${path.relative(root, file)}: ${plan.frame.length} keys around every page, ${Object.keys(plan.pages).length} pages with their own`,
);
