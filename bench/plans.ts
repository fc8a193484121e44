import { sql, type SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { Database, DatabaseHandle } from "../db";
import * as schema from "../db/schema";

/*
 * Shared by tests/integration/query-plans.test.ts and bench/queries.ts: capture the SQL a piece
 * of code sends, and explain it. No "server-only" here, so plain Node scripts can import it.
 */

/** Tables that grow with the community: a sequential scan of one of them grows with it. */
export const BIG_TABLES = [
  "stories",
  "comments",
  "users",
  "story_starting_points",
  "story_recognitions",
  "story_useful",
  "comment_useful",
  "notifications",
] as const;

export type CapturedStatement = { sql: string; params: unknown[] };

/**
 * A drizzle instance on the same client as `handle.db` whose logger records every statement,
 * with its parameters. Swap it in with `useDatabase` to capture what query functions send.
 */
export async function capturingDatabase(
  handle: Pick<DatabaseHandle, "db" | "kind">,
): Promise<{ db: Database; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  const logger: Logger = { logQuery: (query, params) => void statements.push({ sql: query, params }) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    return { db: drizzle(client as never, { schema, logger }) as unknown as Database, statements };
  }
  const { drizzle } = await import("drizzle-orm/node-postgres");
  return { db: drizzle(client as never, { schema, logger }) as unknown as Database, statements };
}

/** Rebuilds a logged statement as drizzle SQL, its `$n` placeholders bound to the logged parameters again. */
function rebind(statement: CapturedStatement): SQL {
  const parts = statement.sql.split(/\$(\d+)\b/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) chunks.push(sql.raw(part));
    } else {
      chunks.push(sql`${statement.params[Number(part) - 1]}`);
    }
  });
  return sql.join(chunks, sql.raw(""));
}

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
};

export function isExplainable(statement: CapturedStatement): boolean {
  return /^\s*(select|with|insert|update|delete)\b/i.test(statement.sql);
}

/**
 * The plan of a statement (EXPLAIN without ANALYZE: nothing runs). With `seqscanOff` the
 * planner takes any usable index even on tiny test tables, so a Seq Scan left in the plan
 * means no index fits the query.
 */
export async function explain(
  db: Database,
  statement: CapturedStatement,
  options: { seqscanOff?: boolean } = {},
): Promise<PlanNode> {
  const query = sql.join([sql.raw("EXPLAIN (FORMAT JSON) "), rebind(statement)], sql.raw(""));
  // SET LOCAL in a transaction: the setting stays on this connection and ends with it.
  const rows = await db.transaction(async (tx) => {
    if (options.seqscanOff) await tx.execute(sql.raw("SET LOCAL enable_seqscan = off"));
    const result = await tx.execute(query);
    return (result as unknown as { rows: Record<string, unknown>[] }).rows;
  });
  const raw = rows[0]?.["QUERY PLAN"];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return parsed[0].Plan;
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** Big tables the plan reads sequentially (Seq Scan, or a parallel one). */
export function seqScannedBigTables(plan: PlanNode): string[] {
  const found = new Set<string>();
  walk(plan, (node) => {
    const relation = node["Relation Name"];
    if (
      /Seq Scan/.test(node["Node Type"]) &&
      relation &&
      (BIG_TABLES as readonly string[]).includes(relation)
    )
      found.add(relation);
  });
  return [...found];
}

/** Indexes that keyset listings walk in order: reading one until a Limit is satisfied is their point. */
export const LISTING_INDEXES = [
  "stories_published_idx",
  "stories_discussed_idx",
  "stories_recognised_idx",
  "comments_thread_starts_idx",
];

// Nodes that read all of their input before returning a row: a Limit above them bounds nothing below.
const BLOCKING = new Set([
  "Sort",
  "Hash",
  "Aggregate",
  "Materialize",
  "SetOp",
  "Gather Merge",
  "WindowAgg",
  "Incremental Sort",
]);

/**
 * Big tables read whole through an index: an index scan with no condition. With sequential
 * scans switched off this is what a missing index turns into. Allowed only where it is bounded:
 * a Limit directly above (through streaming nodes) stops the walk of a listing index, and a
 * filtered walk of any other index is not bounded (a lookup by a column with no index). Under
 * an Aggregate it is a count over every match, O(matches) by nature, and not reported.
 */
export function fullIndexScans(plan: PlanNode): string[] {
  const found = new Set<string>();
  const visit = (node: PlanNode, limited: boolean, counting: boolean) => {
    const type = node["Node Type"];
    const relation = node["Relation Name"];
    const index = node["Index Name"] ?? "";
    if (
      (type === "Index Scan" || type === "Index Only Scan") &&
      relation &&
      (BIG_TABLES as readonly string[]).includes(relation) &&
      !node["Index Cond"]
    ) {
      const walk = limited && (LISTING_INDEXES.includes(index) || !node.Filter);
      if (!walk && !counting) found.add(`${relation} (${index})`);
    }
    const childLimited = type === "Limit" || (limited && !BLOCKING.has(type));
    const childCounting = counting || type === "Aggregate";
    for (const child of node.Plans ?? []) visit(child, childLimited, childCounting);
  };
  visit(plan, false, false);
  return [...found];
}

/** A one-line plan: node types, with the table or index each scan reads. */
export function summarisePlan(plan: PlanNode): string {
  const render = (node: PlanNode): string => {
    const target = node["Index Name"] ?? node["Relation Name"];
    const label = target ? `${node["Node Type"]}(${target})` : node["Node Type"];
    const children = (node.Plans ?? []).map(render);
    return children.length ? `${label}[${children.join(", ")}]` : label;
  };
  return render(plan);
}
