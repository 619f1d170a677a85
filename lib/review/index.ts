import "server-only";
/**
 * Review and approval. An image goes draft → in review (an owner or editor sends it, alone or a board at a
 * time) → approved | changes requested (an owner or reviewer decides; asking for changes needs a comment).
 * An approval records who, when, and the SHA-256 of the exact file, read from storage at that moment. An
 * approved image never changes: a vary or reproduce makes a new generation, a new version of the same
 * creative, which goes through review on its own.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb } from "../db";
import { boardItems, generations, images, reviews, users, type Generation } from "../db/schema";
import { isUuid } from "../ids";
import { getStorage } from "../storage";
import { recordAudit } from "../audit";
import { refusal, type Actor, type Scope } from "../workspaces/actor";
import { addComment } from "./comments";
import type { ReviewState } from "./states";

export type ReviewChange<T = object> = ({ ok: true } & T) | { ok: false; error: string; forbidden?: true };

const SENDABLE: ReviewState[] = ["draft", "changes_requested"];

/** Sends finished images of the workspace for review; ones already in review or approved are left as they are. */
export async function sendForReview(actor: Actor, generationIds: string[]): Promise<ReviewChange<{ sent: number }>> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied, forbidden: true };
  const ids = [...new Set(generationIds.filter(isUuid))].slice(0, 1000);
  if (ids.length === 0) return { ok: false, error: "Choose at least one image." };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const sent = await tx
      .update(generations)
      .set({ reviewState: "in_review" })
      .where(
        and(
          eq(generations.workspaceId, actor.workspaceId),
          inArray(generations.id, ids),
          eq(generations.status, "completed"),
          inArray(generations.reviewState, SENDABLE),
        ),
      )
      .returning({ id: generations.id });
    if (sent.length === 0) return { ok: false, error: "None of these images can be sent: they are already in review or approved, or not finished." };
    await tx
      .insert(reviews)
      .values(sent.map((g) => ({ workspaceId: actor.workspaceId, generationId: g.id, actorId: actor.userId, kind: "submitted" as const })));
    for (const g of sent)
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorId: actor.userId, action: "sent_for_review", subject: imageSubject(g.id) });
    return { ok: true, sent: sent.length };
  });
}

/** Every image of a board that can go to review. */
export async function sendBoardForReview(actor: Actor, boardId: string): Promise<ReviewChange<{ sent: number }>> {
  if (!isUuid(boardId)) return { ok: false, error: "This board does not exist." };
  const db = await getDb();
  const items = await db.select({ id: boardItems.generationId }).from(boardItems).where(eq(boardItems.boardId, boardId));
  return sendForReview(
    actor,
    items.map((i) => i.id),
  );
}

export type Decision = "approved" | "changes_requested";

/**
 * A reviewer's decision on one image in review. Approving reads the file from storage and records its
 * SHA-256; asking for changes needs a comment saying what to change.
 */
export async function decide(actor: Actor, generationId: string, decision: Decision, comment?: string): Promise<ReviewChange> {
  const denied = refusal(actor, "review");
  if (denied) return { ok: false, error: denied, forbidden: true };
  if (decision !== "approved" && decision !== "changes_requested") return { ok: false, error: "Approve, or request changes." };
  if (!isUuid(generationId)) return { ok: false, error: "This image does not exist." };
  const text = typeof comment === "string" ? comment.trim() : "";
  if (decision === "changes_requested" && !text) return { ok: false, error: "Say what should change: a request for changes needs a comment." };
  const db = await getDb();
  const [image] = await db
    .select({ storageKey: images.storageKey })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(and(eq(images.generationId, generationId), eq(generations.workspaceId, actor.workspaceId)))
    .orderBy(asc(images.position))
    .limit(1);
  const bytes = image && decision === "approved" ? await getStorage().get(image.storageKey) : null;
  if (decision === "approved" && !bytes) return { ok: false, error: "This image's file is missing from storage, so it cannot be approved." };
  const sha256 = bytes ? createHash("sha256").update(bytes).digest("hex") : null;
  const result = await db.transaction(async (tx): Promise<ReviewChange> => {
    const [changed] = await tx
      .update(generations)
      .set({ reviewState: decision })
      .where(and(eq(generations.id, generationId), eq(generations.workspaceId, actor.workspaceId), eq(generations.reviewState, "in_review")))
      .returning({ id: generations.id });
    if (!changed) {
      const [row] = await tx
        .select({ state: generations.reviewState })
        .from(generations)
        .where(and(eq(generations.id, generationId), eq(generations.workspaceId, actor.workspaceId)));
      if (!row) return { ok: false, error: "This image does not exist." };
      return { ok: false, error: row.state === "approved" ? "This image is already approved." : "This image is not in review: send it for review first." };
    }
    await tx.insert(reviews).values({ workspaceId: actor.workspaceId, generationId, actorId: actor.userId, kind: decision, fileSha256: sha256 });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: decision,
      subject: imageSubject(generationId),
      detail: sha256 ? { sha256 } : { comment: text },
    });
    return { ok: true };
  });
  if (result.ok && text) await addComment(actor, generationId, text);
  return result;
}

export function imageSubject(generationId: string): string {
  return `image ${generationId}`;
}

export interface ReviewEvent {
  kind: "submitted" | "approved" | "changes_requested";
  at: string;
  by: string;
  sha256: string | null;
}

/** An image's review history, oldest first. */
export async function reviewHistory(scope: Scope, generationId: string): Promise<ReviewEvent[]> {
  if (!isUuid(generationId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ review: reviews, name: users.name, email: users.email })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.actorId))
    .where(and(eq(reviews.generationId, generationId), eq(reviews.workspaceId, scope.workspaceId)))
    .orderBy(asc(reviews.createdAt));
  return rows.map(({ review, name, email }) => ({
    kind: review.kind,
    at: review.createdAt.toISOString(),
    by: name || email || "a former member",
    sha256: review.fileSha256,
  }));
}

export interface Approval {
  by: string;
  email: string;
  at: string;
  sha256: string;
}

/** The approval that holds for each approved image among `ids` (its latest), for manifests and badges. */
export async function approvalsOf(scope: Scope, ids: string[]): Promise<Map<string, Approval>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ generationId: reviews.generationId, at: reviews.createdAt, sha256: reviews.fileSha256, name: users.name, email: users.email })
    .from(reviews)
    .innerJoin(generations, and(eq(generations.id, reviews.generationId), eq(generations.reviewState, "approved")))
    .leftJoin(users, eq(users.id, reviews.actorId))
    .where(and(eq(reviews.workspaceId, scope.workspaceId), eq(reviews.kind, "approved"), inArray(reviews.generationId, valid)))
    .orderBy(desc(reviews.createdAt));
  const approvals = new Map<string, Approval>();
  for (const r of rows) {
    if (!approvals.has(r.generationId))
      approvals.set(r.generationId, { by: r.name || r.email || "a former member", email: r.email ?? "", at: r.at.toISOString(), sha256: r.sha256 ?? "" });
  }
  return approvals;
}

export interface InboxItem {
  id: string;
  prompt: string;
  state: ReviewState;
  thumbUrl: string | null;
  width: number;
  height: number;
  authorName: string;
  since: string;
  version: number;
  comments: number;
}

/**
 * What waits for the current user in the active workspace: for a reviewer (or owner), images in review; for
 * an editor (or owner), their own images that came back with changes requested and have no newer version
 * in review yet.
 */
export async function reviewInbox(actor: Actor): Promise<{ toReview: InboxItem[]; toChange: InboxItem[] }> {
  const db = await getDb();
  const base = eq(generations.workspaceId, actor.workspaceId);
  const pick = async (where: ReturnType<typeof and>) => {
    const rows = await db
      .select({
        g: generations,
        author: users.name,
        authorEmail: users.email,
        image: sql<{
          id: string;
          width: number;
          height: number;
        } | null>`(select json_build_object('id', i.id, 'width', i.width, 'height', i.height) from images i where i.generation_id = generations.id order by i.position limit 1)`,
        since: sql<string>`(select max(r.created_at) from reviews r where r.generation_id = generations.id)`,
        comments: sql<number>`(select count(*)::int from comments c where c.generation_id = generations.id)`,
      })
      .from(generations)
      .leftJoin(users, eq(users.id, generations.userId))
      .where(where)
      .orderBy(asc(generations.createdAt))
      .limit(200);
    const versions = await versionNumbers(rows.map((r) => r.g));
    return rows.map((r): InboxItem => {
      const image = typeof r.image === "string" ? (JSON.parse(r.image) as { id: string; width: number; height: number }) : r.image;
      return {
        id: r.g.id,
        prompt: r.g.prompt,
        state: r.g.reviewState,
        thumbUrl: image ? `/api/images/${image.id}/thumb` : null,
        width: image?.width ?? 1,
        height: image?.height ?? 1,
        authorName: r.author || r.authorEmail || "a former member",
        since: new Date(r.since ?? r.g.createdAt).toISOString(),
        version: versions.get(r.g.id) ?? 1,
        comments: Number(r.comments),
      };
    });
  };
  const superseded = sql`exists (select 1 from generations newer where newer.creative_id = coalesce(${generations.creativeId}, ${generations.id}) and newer.created_at > ${generations.createdAt} and newer.review_state <> 'draft')`;
  const [toReview, toChange] = await Promise.all([
    refusal(actor, "review") ? [] : pick(and(base, eq(generations.reviewState, "in_review"))),
    refusal(actor, "edit")
      ? []
      : pick(and(base, eq(generations.userId, actor.userId), eq(generations.reviewState, "changes_requested"), sql`not ${superseded}`)),
  ]);
  return { toReview, toChange };
}

export interface Version {
  id: string;
  number: number;
  state: ReviewState;
  createdAt: string;
}

/** Every finished version of the creative an image belongs to, oldest first (version 1 is the original). */
export async function versionsOf(scope: Scope, generation: Pick<Generation, "id" | "creativeId">): Promise<Version[]> {
  const root = generation.creativeId ?? generation.id;
  const db = await getDb();
  const rows = await db
    .select({ id: generations.id, state: generations.reviewState, createdAt: generations.createdAt })
    .from(generations)
    .where(
      and(
        eq(generations.workspaceId, scope.workspaceId),
        or(eq(generations.id, root), eq(generations.creativeId, root)),
        or(eq(generations.status, "completed"), eq(generations.id, generation.id)),
      ),
    )
    .orderBy(asc(generations.createdAt), asc(generations.id));
  return rows.map((r, i) => ({ id: r.id, number: i + 1, state: r.state, createdAt: r.createdAt.toISOString() }));
}

async function versionNumbers(rows: Pick<Generation, "id" | "creativeId" | "createdAt">[]): Promise<Map<string, number>> {
  const numbers = new Map<string, number>();
  const roots = [...new Set(rows.map((r) => r.creativeId).filter((id): id is string => id !== null))];
  if (roots.length === 0) return numbers;
  const db = await getDb();
  const all = await db
    .select({ id: generations.id, root: sql<string>`coalesce(${generations.creativeId}, ${generations.id})`, createdAt: generations.createdAt })
    .from(generations)
    .where(and(or(inArray(generations.id, roots), inArray(generations.creativeId, roots)), eq(generations.status, "completed")))
    .orderBy(asc(generations.createdAt), asc(generations.id));
  for (const r of rows) {
    const root = r.creativeId ?? r.id;
    const index = all.filter((a) => a.root === root).findIndex((a) => a.id === r.id);
    numbers.set(r.id, index + 1 || 1);
  }
  return numbers;
}
