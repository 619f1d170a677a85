import "server-only";
/**
 * Personal access tokens for the JSON API. A token is shown once when it is made; only its SHA-256 is kept
 * (a token is 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { accessTokens, users } from "../db/schema";
import { isUuid } from "../ids";
import { safeText } from "../validation";
import { personalWorkspaceId } from "../workspaces";

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
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function listAccessTokens(userId: string): Promise<AccessTokenView[]> {
  const db = await getDb();
  const rows = await db.select().from(accessTokens).where(eq(accessTokens.userId, userId)).orderBy(desc(accessTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

export async function createAccessToken(
  userId: string,
  name: unknown,
): Promise<{ ok: true; token: string; view: AccessTokenView } | { ok: false; error: string }> {
  const parsed = tokenNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const token = PREFIX + randomBytes(32).toString("base64url");
  const db = await getDb();
  const [row] = await db
    .insert(accessTokens)
    .values({ userId, workspaceId: personalWorkspaceId(userId), name: parsed.data, tokenHash: hash(token), prefix: token.slice(0, PREFIX.length + 6) })
    .returning();
  return {
    ok: true,
    token,
    view: { id: row!.id, name: row!.name, prefix: row!.prefix, createdAt: row!.createdAt.toISOString(), lastUsedAt: null, revokedAt: null },
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

/** The user a bearer token belongs to, if it is live and its owner not disabled; records when it was last used. */
export async function userForAccessToken(token: string): Promise<string | null> {
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
    .returning({ userId: accessTokens.userId });
  return row?.userId ?? null;
}
