import "server-only";
/**
 * Workspaces: where a team's images, uploads, boards, share links and tokens live, and who may do what there.
 * Every user has a personal workspace, made with the account (its id is the user's id); team workspaces are
 * made by their owners and joined by invite link (./invites.ts). Roles:
 *   owner    — members, roles, budget, delete (a workspace always keeps at least one)
 *   editor   — generate, edit boards, share
 *   reviewer — comment, approve, request changes; no generating
 *   viewer   — read only
 * Every change here is checked against the caller's role as it is in the database at that moment.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "../db";
import { users, workspaceMembers, workspaces, WORKSPACE_ROLES, type WorkspaceRole } from "../db/schema";
import { isUuid } from "../ids";
import { safeText } from "../validation";
import { recordAudit } from "../audit";

/** A personal workspace has its user's id: the workspace of anything a user makes there needs no lookup. */
export function personalWorkspaceId(userId: string): string {
  return userId;
}

/** Makes a new user's personal workspace, with them as its owner — in the transaction that made the user. */
export async function addPersonalWorkspace(db: Pick<Db, "insert">, userId: string): Promise<void> {
  await db
    .insert(workspaces)
    .values({ id: personalWorkspaceId(userId), name: "Personal", personalOf: userId })
    .onConflictDoNothing();
  await db
    .insert(workspaceMembers)
    .values({ workspaceId: personalWorkspaceId(userId), userId, role: "owner" })
    .onConflictDoNothing();
}

export const workspaceNameSchema = safeText(
  "The workspace name",
  z.string({ error: "Name the workspace." }).trim().min(1, "Name the workspace.").max(80, "Workspace names can be at most 80 characters."),
);

export const isWorkspaceRole = (value: unknown): value is WorkspaceRole => WORKSPACE_ROLES.includes(value as WorkspaceRole);

import { may } from "./roles";
export { CAN, may, type Capability } from "./roles";

export interface WorkspaceSummary {
  id: string;
  name: string;
  personal: boolean;
  role: WorkspaceRole;
}

export type WorkspaceChange<T = object> = ({ ok: true } & T) | { ok: false; error: string };

const NOT_FOUND = { ok: false, error: "This workspace does not exist, or you are not a member." } as const;
const OWNERS_ONLY = { ok: false, error: "Only the workspace's owners can do this." } as const;

/** The caller's role in a workspace, read now (so a removal or a lower role counts from the next request). */
export async function roleIn(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
  if (!isUuid(workspaceId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row?.role ?? null;
}

/** How the audit log names a member: their e-mail address. */
export async function emailOf(db: Pick<Db, "select">, userId: string): Promise<string> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? userId;
}

/** A workspace's name as people see it ("Personal" for anyone's own). */
export async function workspaceName(workspaceId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ name: workspaces.name, personalOf: workspaces.personalOf }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.personalOf ? "Personal" : (row?.name ?? "");
}

export async function listWorkspaces(userId: string): Promise<WorkspaceSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: workspaces.id, name: workspaces.name, personalOf: workspaces.personalOf, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(sql`${workspaces.personalOf} is null`, asc(sql`lower(${workspaces.name})`));
  return rows.map((r) => ({ id: r.id, name: r.name, personal: r.personalOf !== null, role: r.role }));
}

export async function createWorkspace(userId: string, name: unknown): Promise<WorkspaceChange<{ workspace: WorkspaceSummary }>> {
  const parsed = workspaceNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const db = await getDb();
  const workspace = await db.transaction(async (tx) => {
    const [row] = await tx.insert(workspaces).values({ name: parsed.data }).returning();
    await tx.insert(workspaceMembers).values({ workspaceId: row!.id, userId, role: "owner" });
    await recordAudit(tx, { workspaceId: row!.id, actorId: userId, action: "workspace_created", subject: parsed.data });
    return row!;
  });
  return { ok: true, workspace: { id: workspace.id, name: workspace.name, personal: false, role: "owner" } };
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
}

/** The members of a workspace, for anyone in it. */
export async function listMembers(userId: string, workspaceId: string): Promise<WorkspaceChange<{ members: Member[] }>> {
  if (!may(await roleIn(userId, workspaceId), "read")) return NOT_FOUND;
  const db = await getDb();
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
  return { ok: true, members: rows.map((r) => ({ ...r, name: r.name ?? "", joinedAt: r.joinedAt.toISOString() })) };
}

/**
 * Changes a member's role, or removes them (`role: null`). Owners may do either to anyone; anyone may remove
 * themselves (leave). Under a lock per workspace, so two owners demoting each other at once still leave one.
 */
export async function setMemberRole(actorId: string, workspaceId: string, memberId: string, role: WorkspaceRole | null): Promise<WorkspaceChange> {
  if (role !== null && !isWorkspaceRole(role)) return { ok: false, error: `Choose one of: ${WORKSPACE_ROLES.join(", ")}.` };
  if (!isUuid(workspaceId) || !isUuid(memberId)) return NOT_FOUND;
  const db = await getDb();
  return db.transaction(async (tx): Promise<WorkspaceChange> => {
    await tx.execute(sql`select pg_advisory_xact_lock(72061003, hashtext(${workspaceId}))`);
    const members = await tx.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspaceId));
    const actor = members.find((m) => m.userId === actorId);
    const member = members.find((m) => m.userId === memberId);
    if (!actor) return NOT_FOUND;
    const leaving = role === null && actorId === memberId;
    if (actor.role !== "owner" && !leaving) return OWNERS_ONLY;
    if (!member) return { ok: false, error: "This person is not a member of the workspace." };
    if (workspaceId === personalWorkspaceId(memberId)) return { ok: false, error: "A personal workspace always belongs to its owner." };
    const ownersLeft = members.filter((m) => m.role === "owner" && m.userId !== memberId).length + (role === "owner" ? 1 : 0);
    if (ownersLeft === 0) return { ok: false, error: "A workspace needs at least one owner: make someone else an owner first." };
    if (role === null) await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, memberId)));
    else
      await tx
        .update(workspaceMembers)
        .set({ role })
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, memberId)));
    await recordAudit(tx, {
      workspaceId,
      actorId,
      action: role === null ? "member_removed" : "role_changed",
      subject: await emailOf(tx, memberId),
      detail: role === null ? { role: member.role, ...(leaving ? { left: true } : {}) } : { from: member.role, to: role },
    });
    return { ok: true };
  });
}
