import "server-only";
/**
 * A pack is reviewed as one, like an image: draft → in review → approved | changes requested. An approval
 * reads every asset's file from storage and records its SHA-256, by placement: what was approved is exactly
 * those bytes. Changing an asset of an approved pack (a crop, a fit, a final, an own generation) sends it back
 * to draft, so an export never carries an approval its files do not match.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "../db";
import { packAssets, packReviews, packs, users } from "../db/schema";
import { recordAudit } from "../audit";
import { isUuid } from "../ids";
import type { ReviewChange, Decision } from "../review";
import { getStorage } from "../storage";
import { refusal, type Actor, type Scope } from "../workspaces/actor";

export function packSubject(pack: { id: string; prompt: string }): string {
  const words = pack.prompt.length > 40 ? `${pack.prompt.slice(0, 40)}…` : pack.prompt;
  return `pack ${words || pack.id}`;
}

async function ownPack(scope: Scope, packId: string, db: Pick<Db, "select">) {
  if (!isUuid(packId)) return null;
  const [pack] = await db
    .select()
    .from(packs)
    .where(and(eq(packs.id, packId), eq(packs.workspaceId, scope.workspaceId)));
  return pack ?? null;
}

export async function sendPackForReview(actor: Actor, packId: string): Promise<ReviewChange> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied, forbidden: true };
  const db = await getDb();
  const pack = await ownPack(actor, packId, db);
  if (!pack) return { ok: false, error: "This pack does not exist." };
  const assets = await db.select({ status: packAssets.status }).from(packAssets).where(eq(packAssets.packId, pack.id));
  if (assets.some((a) => a.status === "waiting")) return { ok: false, error: "Some of its files are still being made: send it once they are ready." };
  return db.transaction(async (tx): Promise<ReviewChange> => {
    const [sent] = await tx
      .update(packs)
      .set({ reviewState: "in_review" })
      .where(and(eq(packs.id, pack.id), inArray(packs.reviewState, ["draft", "changes_requested"])))
      .returning({ id: packs.id });
    if (!sent) return { ok: false, error: "This pack is already in review or approved." };
    await tx.insert(packReviews).values({ workspaceId: actor.workspaceId, packId: pack.id, actorId: actor.userId, kind: "submitted" });
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorId: actor.userId, action: "sent_for_review", subject: packSubject(pack) });
    return { ok: true };
  });
}

/** A reviewer's decision. Approving needs every file ready and records each one's SHA-256; changes need a note. */
export async function decidePack(actor: Actor, packId: string, decision: Decision, note?: string): Promise<ReviewChange> {
  const denied = refusal(actor, "review");
  if (denied) return { ok: false, error: denied, forbidden: true };
  if (decision !== "approved" && decision !== "changes_requested") return { ok: false, error: "Approve, or request changes." };
  const text = typeof note === "string" ? note.trim().slice(0, 4000) : "";
  if (decision === "changes_requested" && !text) return { ok: false, error: "Say what should change: a request for changes needs a note." };
  const db = await getDb();
  const pack = await ownPack(actor, packId, db);
  if (!pack) return { ok: false, error: "This pack does not exist." };
  let hashes: Record<string, string> | null = null;
  if (decision === "approved") {
    const assets = await db.select().from(packAssets).where(eq(packAssets.packId, pack.id));
    const notReady = assets.filter((a) => a.status !== "ready");
    if (notReady.length)
      return { ok: false, error: `Not every file is ready (${notReady.map((a) => a.placementId).join(", ")}): ask for changes, or approve once they are.` };
    hashes = {};
    for (const asset of assets) {
      const bytes = asset.storageKey ? await getStorage().get(asset.storageKey) : null;
      if (!bytes) return { ok: false, error: `The ${asset.placementId} file is missing from storage, so the pack cannot be approved.` };
      hashes[asset.placementId] = createHash("sha256").update(bytes).digest("hex");
    }
  }
  return db.transaction(async (tx): Promise<ReviewChange> => {
    const [changed] = await tx
      .update(packs)
      .set({ reviewState: decision })
      .where(and(eq(packs.id, pack.id), eq(packs.reviewState, "in_review")))
      .returning({ id: packs.id });
    if (!changed)
      return { ok: false, error: pack.reviewState === "approved" ? "This pack is already approved." : "This pack is not in review: send it first." };
    await tx
      .insert(packReviews)
      .values({ workspaceId: actor.workspaceId, packId: pack.id, actorId: actor.userId, kind: decision, assets: hashes, note: text || null });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: decision,
      subject: packSubject(pack),
      detail: hashes ? { files: Object.keys(hashes).length } : { note: text },
    });
    return { ok: true };
  });
}

/** An asset of an approved pack changed: the pack goes back to draft, recorded in its history and the audit log. */
export async function reopenApproved(tx: Db, actor: Actor, packId: string, why: string): Promise<void> {
  const [reopened] = await tx
    .update(packs)
    .set({ reviewState: "draft" })
    .where(and(eq(packs.id, packId), eq(packs.reviewState, "approved")))
    .returning();
  if (!reopened) return;
  await tx.insert(packReviews).values({ workspaceId: actor.workspaceId, packId, actorId: actor.userId, kind: "reopened", note: why });
  await recordAudit(tx, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: "approval_withdrawn",
    subject: packSubject(reopened),
    detail: { why },
  });
}

export interface PackReviewEvent {
  kind: "submitted" | "approved" | "changes_requested" | "reopened";
  at: string;
  by: string;
  email: string;
  note: string | null;
  assets: Record<string, string> | null;
}

/** A pack's review history, newest first. */
export async function packReviewHistory(scope: Scope, packId: string): Promise<PackReviewEvent[]> {
  if (!isUuid(packId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ review: packReviews, name: users.name, email: users.email })
    .from(packReviews)
    .leftJoin(users, eq(users.id, packReviews.actorId))
    .where(and(eq(packReviews.packId, packId), eq(packReviews.workspaceId, scope.workspaceId)))
    .orderBy(desc(packReviews.createdAt));
  return rows.map(({ review, name, email }) => ({
    kind: review.kind,
    at: review.createdAt.toISOString(),
    by: name || email || "a former member",
    email: email ?? "",
    note: review.note,
    assets: review.assets ?? null,
  }));
}
