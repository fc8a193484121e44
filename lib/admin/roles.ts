import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users, type Role } from "@/db/schema";
import { record } from "@/lib/moderation/audit";

export type RoleResult = { ok: true } | { ok: false; reason: "not_found" | "last_admin" };

export async function setRole(params: {
  actorId: string | null;
  userId: string;
  role: Role;
}): Promise<RoleResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One role change at a time, so two admins cannot demote each other into no admin at all.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('roles'))`);
    const [member] = await tx
      .select({ id: users.id, handle: users.handle, role: users.role })
      .from(users)
      .where(eq(users.id, params.userId));
    if (!member) return { ok: false, reason: "not_found" } as const;
    if (member.role === params.role) return { ok: true } as const;
    if (member.role === "admin") {
      const [{ admins }] = await tx.select({ admins: count() }).from(users).where(eq(users.role, "admin"));
      if (Number(admins) <= 1) return { ok: false, reason: "last_admin" } as const;
    }
    await tx.update(users).set({ role: params.role }).where(eq(users.id, member.id));
    await record(tx, {
      actorId: params.actorId,
      action: "set_role",
      target: { type: "member", id: member.id, userId: member.id, label: `@${member.handle}` },
      before: { role: member.role },
      after: { role: params.role },
    });
    return { ok: true } as const;
  });
}
