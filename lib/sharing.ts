import "server-only";
/**
 * Share links: off until the owner makes one, one per image or board, unguessable (192 random bits),
 * revocable. A shared page is rendered from the link alone and shows only what was shared.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "./db";
import { shareLinks, type ShareLink } from "./db/schema";
import { getBoard } from "./boards";
import { getGenerationForUser } from "./generations";

export type ShareTarget = { kind: "image"; id: string } | { kind: "board"; id: string };

export function sharePath(token: string): string {
  return `/s/${token}`;
}

function targetColumn(target: ShareTarget) {
  return target.kind === "image" ? shareLinks.generationId : shareLinks.boardId;
}

/** The live link of an image or board, if its owner made one. */
export async function activeShareLink(userId: string, target: ShareTarget): Promise<ShareLink | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.userId, userId), eq(targetColumn(target), target.id), isNull(shareLinks.revokedAt)))
    .orderBy(desc(shareLinks.createdAt))
    .limit(1);
  return row ?? null;
}

export async function createShareLink(userId: string, target: ShareTarget): Promise<{ ok: true; link: ShareLink } | { ok: false; error: string }> {
  const owned = target.kind === "image" ? await getGenerationForUser(userId, target.id) : await getBoard(userId, target.id);
  if (!owned) return { ok: false, error: `This ${target.kind} does not exist.` };
  if (target.kind === "image" && "status" in owned && owned.status !== "completed") return { ok: false, error: "Only finished images can be shared." };
  const existing = await activeShareLink(userId, target);
  if (existing) return { ok: true, link: existing };
  const db = await getDb();
  const [link] = await db
    .insert(shareLinks)
    .values({
      userId,
      token: randomBytes(24).toString("base64url"),
      generationId: target.kind === "image" ? target.id : null,
      boardId: target.kind === "board" ? target.id : null,
    })
    .returning();
  return { ok: true, link: link! };
}

export async function revokeShareLink(userId: string, target: ShareTarget): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.userId, userId), eq(targetColumn(target), target.id), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  return rows.length > 0;
}

/** The link behind a token, if it is live. Tokens are matched exactly; anything malformed is simply unknown. */
export async function resolveShareToken(token: string): Promise<ShareLink | null> {
  if (!/^[\w-]{32}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db.select().from(shareLinks).where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)));
  return row ?? null;
}
