import "server-only";
/**
 * Joining a team workspace by link, with no e-mail server: an owner makes a link for one role; whoever opens
 * it sees the workspace's name and the role before accepting. Single use, 7 days, revocable; the token is 192
 * random bits and only its SHA-256 is kept (the link is shown once).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "../db";
import { workspaceInvites, workspaceMembers, workspaces, type WorkspaceRole } from "../db/schema";
import { isUuid } from "../ids";
import { emailOf, isWorkspaceRole, may, personalWorkspaceId, roleIn, type WorkspaceChange } from ".";
import { audit, recordAudit } from "../audit";

export const INVITE_DAYS = 7;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN_PATTERN = /^[\w-]{32}$/;

export type InviteState = "open" | "used" | "revoked" | "expired";

export interface InviteView {
  id: string;
  role: WorkspaceRole;
  createdAt: string;
  expiresAt: string;
  state: InviteState;
}

function stateOf(invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = Date.now()): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.usedAt) return "used";
  return invite.expiresAt.getTime() <= now ? "expired" : "open";
}

/** A new link for one role in a team workspace (owners only). The path is shown once. */
export async function createWorkspaceInvite(
  actorId: string,
  workspaceId: string,
  role: unknown,
): Promise<WorkspaceChange<{ path: string; invite: InviteView }>> {
  if (!isWorkspaceRole(role)) return { ok: false, error: "Choose the role the link gives: owner, editor, reviewer or viewer." };
  if (!may(await roleIn(actorId, workspaceId), "manage")) return { ok: false, error: "Only the workspace's owners can invite people." };
  if (workspaceId === personalWorkspaceId(actorId)) return { ok: false, error: "A personal workspace is yours alone: make a team workspace to invite people." };
  const token = randomBytes(24).toString("base64url");
  const db = await getDb();
  const [row] = await db
    .insert(workspaceInvites)
    .values({ workspaceId, role, tokenHash: hash(token), createdBy: actorId, expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) })
    .returning();
  await audit({ workspaceId, actorId, action: "invite_created", subject: `link for ${role}` });
  return { ok: true, path: `/join/${token}`, invite: view(row!) };
}

function view(row: typeof workspaceInvites.$inferSelect): InviteView {
  return { id: row.id, role: row.role, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(), state: stateOf(row) };
}

export async function listWorkspaceInvites(actorId: string, workspaceId: string): Promise<WorkspaceChange<{ invites: InviteView[] }>> {
  if (!may(await roleIn(actorId, workspaceId), "manage")) return { ok: false, error: "Only the workspace's owners can see its invites." };
  const db = await getDb();
  const rows = await db.select().from(workspaceInvites).where(eq(workspaceInvites.workspaceId, workspaceId)).orderBy(desc(workspaceInvites.createdAt));
  return { ok: true, invites: rows.map(view) };
}

export async function revokeWorkspaceInvite(actorId: string, inviteId: string): Promise<WorkspaceChange> {
  if (!isUuid(inviteId)) return { ok: false, error: "This invite does not exist." };
  const db = await getDb();
  const [invite] = await db.select().from(workspaceInvites).where(eq(workspaceInvites.id, inviteId));
  if (!invite || !may(await roleIn(actorId, invite.workspaceId), "manage")) return { ok: false, error: "This invite does not exist." };
  const [revoked] = await db
    .update(workspaceInvites)
    .set({ revokedAt: new Date() })
    .where(and(eq(workspaceInvites.id, inviteId), isNull(workspaceInvites.revokedAt)))
    .returning({ id: workspaceInvites.id });
  if (revoked) await audit({ workspaceId: invite.workspaceId, actorId, action: "invite_revoked", subject: `link for ${invite.role}` });
  return { ok: true };
}

/** What the link offers, shown before accepting: the workspace's name and the role, or why it cannot be used. */
export async function describeInvite(token: string): Promise<{ workspaceName: string; role: WorkspaceRole; state: InviteState } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ invite: workspaceInvites, name: workspaces.name })
    .from(workspaceInvites)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvites.workspaceId))
    .where(eq(workspaceInvites.tokenHash, hash(token)));
  return row ? { workspaceName: row.name, role: row.invite.role, state: stateOf(row.invite) } : null;
}

/**
 * Joins the workspace with the link's role. The link is spent in the same statement that checks it, so two
 * people opening it at once cannot both get in; someone already a member keeps their role and the link stays.
 */
export async function acceptWorkspaceInvite(userId: string, token: string): Promise<WorkspaceChange<{ workspaceId: string; role: WorkspaceRole }>> {
  const refused = { ok: false, error: "This invite link has expired, was revoked or was already used. Ask the workspace's owner for a new one." } as const;
  if (!TOKEN_PATTERN.test(token)) return refused;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(workspaceInvites)
      .where(
        and(
          eq(workspaceInvites.tokenHash, hash(token)),
          isNull(workspaceInvites.usedAt),
          isNull(workspaceInvites.revokedAt),
          gt(workspaceInvites.expiresAt, sql`now()`),
        ),
      );
    if (!invite) return refused;
    const [already] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, invite.workspaceId), eq(workspaceMembers.userId, userId)));
    if (already) return { ok: false, error: `You are already in this workspace, as ${already.role}.` };
    const [spent] = await tx
      .update(workspaceInvites)
      .set({ usedAt: new Date(), usedBy: userId })
      .where(and(eq(workspaceInvites.id, invite.id), isNull(workspaceInvites.usedAt)))
      .returning({ id: workspaceInvites.id });
    if (!spent) return refused;
    await tx.insert(workspaceMembers).values({ workspaceId: invite.workspaceId, userId, role: invite.role });
    await recordAudit(tx, {
      workspaceId: invite.workspaceId,
      actorId: userId,
      action: "member_joined",
      subject: await emailOf(tx, userId),
      detail: { role: invite.role },
    });
    return { ok: true, workspaceId: invite.workspaceId, role: invite.role };
  });
}
