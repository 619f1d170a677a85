import "server-only";
/**
 * Personal access tokens for the JSON API. A token is shown once when it is made; only its SHA-256 is kept
 * (a token is 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { accessTokens, users, workspaceMembers, workspaces } from "../db/schema";
import { isUuid } from "../ids";
import { safeText } from "../validation";
import type { Actor } from "../workspaces/actor";

const PREFIX = "nst_";

export const tokenNameSchema = safeText(
  "The token name",
  z.string({ error: "Name the token." }).trim().min(1, "Name the token.").max(60, "Token names can be at most 60 characters."),
);

export interface AccessTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The workspace it works in (with its owner's role there, read at each request). */
  workspaceName: string;
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** All of a user's tokens, in every workspace: they are the user's own, whichever workspace is active. */
export async function listAccessTokens(userId: string): Promise<AccessTokenView[]> {
  const db = await getDb();
  const rows = await db
    .select({ token: accessTokens, workspaceName: workspaces.name, personal: workspaces.personalOf })
    .from(accessTokens)
    .innerJoin(workspaces, eq(workspaces.id, accessTokens.workspaceId))
    .where(eq(accessTokens.userId, userId))
    .orderBy(desc(accessTokens.createdAt));
  return rows.map(({ token: t, workspaceName, personal }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    workspaceName: personal ? "Personal" : workspaceName,
  }));
}

/** A token for the actor in their active workspace; it carries their role there, whatever it is at each request. */
export async function createAccessToken(
  actor: Actor,
  name: unknown,
): Promise<{ ok: true; token: string; view: AccessTokenView } | { ok: false; error: string }> {
  const parsed = tokenNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const token = PREFIX + randomBytes(32).toString("base64url");
  const db = await getDb();
  const [row] = await db
    .insert(accessTokens)
    .values({ userId: actor.userId, workspaceId: actor.workspaceId, name: parsed.data, tokenHash: hash(token), prefix: token.slice(0, PREFIX.length + 6) })
    .returning();
  const [workspace] = await db.select({ name: workspaces.name, personal: workspaces.personalOf }).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  return {
    ok: true,
    token,
    view: {
      id: row!.id,
      name: row!.name,
      prefix: row!.prefix,
      createdAt: row!.createdAt.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      workspaceName: workspace?.personal ? "Personal" : (workspace?.name ?? ""),
    },
  };
}

export async function revokeAccessToken(userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const db = await getDb();
  const rows = await db
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .returning({ id: accessTokens.id });
  return rows.length > 0;
}

/**
 * Who a bearer token acts as: its user, in its workspace, with their role there now — if the token is live,
 * its user not disabled and still a member. Records when it was last used.
 */
export async function actorForAccessToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const db = await getDb();
  const [row] = await db
    .update(accessTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(accessTokens.tokenHash, hash(token)),
        isNull(accessTokens.revokedAt),
        inArray(accessTokens.userId, db.select({ id: users.id }).from(users).where(isNull(users.disabledAt))),
      ),
    )
    .returning({ userId: accessTokens.userId, workspaceId: accessTokens.workspaceId });
  if (!row) return null;
  const [member] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, row.workspaceId), eq(workspaceMembers.userId, row.userId)));
  return member ? { userId: row.userId, workspaceId: row.workspaceId, role: member.role } : null;
}
