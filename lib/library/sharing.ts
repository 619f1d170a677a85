import "server-only";
/**
 * Share links: off until an owner or editor of the workspace makes one, one per image or board, unguessable (192 random bits),
 * revocable. A shared page is rendered from the link alone and shows only what was shared.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../db";
import { shareLinks, type Image, type ShareLink } from "../db/schema";
import { boardGenerationIds, getBoard, isOnBoard } from "./boards";
import { exportBoardZip } from "./board-export";
import { fetchGenerationView, fetchGenerationViews, getGeneration, getImage } from "../generations";
import type { GenerationView } from "../generations/view";
import { refusal, type Actor, type Scope } from "../workspaces/actor";
import { audit } from "../audit";
import { imageSubject } from "../review";
import { assetFile, packView, packZip, type PackView } from "../packs";
import { packSubject } from "../packs/review";

export type ShareTarget = { kind: "image" | "board" | "pack"; id: string };

export function sharePath(token: string): string {
  return `/s/${token}`;
}

function targetColumn(target: ShareTarget) {
  return { image: shareLinks.generationId, board: shareLinks.boardId, pack: shareLinks.packId }[target.kind];
}

/** The live link of an image or board, if the workspace made one. */
export async function activeShareLink(scope: Scope, target: ShareTarget): Promise<ShareLink | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.workspaceId, scope.workspaceId), eq(targetColumn(target), target.id), isNull(shareLinks.revokedAt)))
    .orderBy(desc(shareLinks.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Makes (or returns) the live link of an image or board. A board can be shared "approved only": its page and
 * zip then hold only approved images. Asking for the other kind ends the old link and makes a new one.
 */
export async function createShareLink(
  actor: Actor,
  target: ShareTarget,
  { approvedOnly = false }: { approvedOnly?: boolean } = {},
): Promise<{ ok: true; link: ShareLink } | { ok: false; error: string }> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  if (target.kind === "image") {
    const generation = await getGeneration(actor, target.id);
    if (!generation) return { ok: false, error: "This image does not exist." };
    if (generation.status !== "completed") return { ok: false, error: "Only finished images can be shared." };
  } else if (target.kind === "pack") {
    const pack = await packView(actor, target.id);
    if (!pack) return { ok: false, error: "This pack does not exist." };
    if (!pack.assets.some((a) => a.status === "ready")) return { ok: false, error: "None of this pack's files is ready yet." };
  } else if (!(await getBoard(actor, target.id))) {
    return { ok: false, error: "This board does not exist." };
  }
  const onlyApproved = target.kind === "board" && approvedOnly;
  const existing = await activeShareLink(actor, target);
  if (existing && existing.approvedOnly === onlyApproved) return { ok: true, link: existing };
  if (existing) await revokeShareLink(actor, target);
  const db = await getDb();
  const [link] = await db
    .insert(shareLinks)
    .values({
      approvedOnly: onlyApproved,
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      token: randomBytes(24).toString("base64url"),
      generationId: target.kind === "image" ? target.id : null,
      boardId: target.kind === "board" ? target.id : null,
      packId: target.kind === "pack" ? target.id : null,
    })
    .returning();
  await audit({
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: "shared",
    subject: await subjectOf(actor, target),
    detail: onlyApproved ? { approvedOnly: true } : {},
  });
  return { ok: true, link: link! };
}

export async function revokeShareLink(actor: Actor, target: ShareTarget): Promise<{ ok: true } | { ok: false; error: string }> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  const db = await getDb();
  // Ending a link that is already gone is done, not an error.
  const ended = await db
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.workspaceId, actor.workspaceId), eq(targetColumn(target), target.id), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  if (ended.length) await audit({ workspaceId: actor.workspaceId, actorId: actor.userId, action: "unshared", subject: await subjectOf(actor, target) });
  return { ok: true };
}

async function subjectOf(scope: Scope, target: ShareTarget): Promise<string> {
  if (target.kind === "image") return imageSubject(target.id);
  if (target.kind === "pack") {
    const pack = await packView(scope, target.id);
    return pack ? packSubject(pack) : `pack ${target.id}`;
  }
  return `board ${(await getBoard(scope, target.id))?.name ?? target.id}`;
}

/** The link behind a token, if it is live. Tokens are matched exactly; anything malformed is simply unknown. */
export async function resolveShareToken(token: string): Promise<ShareLink | null> {
  if (!/^[\w-]{32}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)));
  return row ?? null;
}

export type SharedContent =
  | { kind: "image"; token: string; generation: GenerationView }
  | { kind: "board"; token: string; name: string; generations: GenerationView[] }
  | { kind: "pack"; token: string; pack: PackView };

/** What a live link shows: the shared image or board, read on its workspace's behalf and nothing more. */
export async function sharedContent(token: string): Promise<SharedContent | null> {
  const link = await resolveShareToken(token);
  if (!link) return null;
  if (link.generationId) {
    const generation = await fetchGenerationView(link, link.generationId);
    return generation && generation.status === "completed" ? { kind: "image", token, generation } : null;
  }
  if (link.packId) {
    const pack = await packView(link, link.packId);
    return pack ? { kind: "pack", token, pack: viaLinkPack(pack, token) } : null;
  }
  const board = link.boardId ? await getBoard(link, link.boardId) : null;
  if (!board) return null;
  const ids = await boardGenerationIds(board.id, { approvedOnly: link.approvedOnly });
  return { kind: "board", token, name: board.name, generations: await fetchGenerationViews(link, ids) };
}

/** One image file behind a live link, only if the link covers it. */
export async function sharedImage(token: string, imageId: string): Promise<Image | null> {
  const link = await resolveShareToken(token);
  const image = link && (await getImage(link, imageId));
  if (!link || !image) return null;
  if (link.generationId) return image.generationId === link.generationId ? image : null;
  if (!link.boardId || !(await isOnBoard(link.boardId, image.generationId))) return null;
  return !link.approvedOnly || (await getGeneration(link, image.generationId))?.reviewState === "approved" ? image : null;
}

/** The same view with file URLs that go through the link instead of the owner's session. */
export function viaLink(view: GenerationView, token: string): GenerationView {
  return {
    ...view,
    images: view.images.map((i) => ({
      ...i,
      url: `/s/${token}/images/${i.id}`,
      thumbUrl: `/s/${token}/images/${i.id}?thumb=1`,
      downloadUrl: `/s/${token}/images/${i.id}?download=1`,
    })),
  };
}

/** A shared board as one zip (originals + manifest, nothing of the owner's), for anyone with a live link. */
export async function sharedBoardZip(token: string): Promise<{ name: string; zip: Uint8Array } | null> {
  const link = await resolveShareToken(token);
  const board = link?.boardId ? await getBoard(link, link.boardId) : null;
  if (!link || !board) return null;
  const { zip } = await exportBoardZip(link, board.id, board.name, { audience: "public", approvedOnly: link.approvedOnly });
  return { name: board.name, zip };
}

/** A pack as a shared page shows it: files through the link, nothing of the workspace's sources. */
function viaLinkPack(pack: PackView, token: string): PackView {
  return {
    ...pack,
    generations: [],
    assets: pack.assets.map((a) => ({ ...a, url: a.url ? `/s/${token}/assets/${a.id}?v=${a.sha256?.slice(0, 12)}` : null })),
  };
}

/** One pack file behind a live link, only if the link is to its pack. */
export async function sharedAsset(token: string, assetId: string): Promise<{ bytes: Buffer; contentType: string; name: string } | null> {
  const link = await resolveShareToken(token);
  if (!link?.packId) return null;
  const pack = await packView(link, link.packId);
  if (!pack?.assets.some((a) => a.id === assetId)) return null;
  return assetFile(link, assetId);
}

/** A shared board or pack as one zip, for anyone with a live link. */
export async function sharedZip(token: string): Promise<{ name: string; zip: Uint8Array } | null> {
  const link = await resolveShareToken(token);
  if (link?.packId) return packZip(link, link.packId, { audience: "public" });
  return sharedBoardZip(token);
}
