import "server-only";
/**
 * The gallery as pages: the workspace's finished images, newest first, narrowed by the filters in the URL, read
 * by keyset (created_at, id) so the 500th page costs what the first does. One row per generation with its
 * first image's thumbnail: the grid never loads an original.
 */
import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "../db";
import { boardItems, boardPacks, generations, images } from "../db/schema";
import { MODELS, isModelId } from "../segmind/catalog";
import type { Scope } from "../workspaces/actor";
import type { CheckStatus } from "../checks/findings";
import { GALLERY_PAGE_SIZE, type GalleryFilters, type GalleryPage } from "./gallery-filters";

/** The image that stands for a pack in the gallery: its newest finished one. */
const packLead = sql`(select lead.id from generations lead where lead.pack_id = ${generations.packId} and lead.status = 'completed' order by lead.created_at desc, lead.id desc limit 1)`;

function conditions(scope: Scope, f: GalleryFilters): SQL[] {
  const where: SQL[] = [eq(generations.workspaceId, scope.workspaceId), eq(generations.status, "completed")];
  if (f.q) where.push(sql`${generations.search} @@ websearch_to_tsquery('english', ${f.q})`);
  if (f.model) where.push(eq(generations.model, f.model));
  if (f.ar) where.push(eq(generations.aspectRatio, f.ar));
  if (f.from) where.push(gte(generations.createdAt, new Date(`${f.from}T00:00:00Z`)));
  // "to" is inclusive: everything before the start of the next day.
  if (f.to) where.push(lt(generations.createdAt, new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)));
  if (f.fav) where.push(eq(generations.favorite, true));
  if (f.review) where.push(eq(generations.reviewState, f.review));
  if (f.checks) where.push(sql`${generations.checks}->>'status' = ${f.checks}`);
  if (f.pack) where.push(eq(generations.packId, f.pack));
  // A pack is one entry: its newest finished image stands for it (unless one pack's images are asked for).
  else where.push(sql`(${generations.packId} is null or ${generations.id} = ${packLead})`);
  if (f.board)
    where.push(
      sql`(exists (select 1 from ${boardItems} where ${boardItems.boardId} = ${f.board} and ${boardItems.generationId} = ${generations.id}) or exists (select 1 from ${boardPacks} where ${boardPacks.boardId} = ${f.board} and ${boardPacks.packId} = ${generations.packId}))`,
    );
  return where;
}

/** The cursor is the last row's exact timestamp (microseconds, as PostgreSQL keeps it) and id. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(`${sortKey}|${id}`).toString("base64url");
}
export function decodeCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}

export const sortKey = sql<string>`to_char(${generations.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function fetchGalleryPage(
  scope: Scope,
  filters: GalleryFilters,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<GalleryPage | { error: string }> {
  const limit = Math.min(Math.max(options.limit ?? GALLERY_PAGE_SIZE, 1), 200);
  const where = conditions(scope, filters);
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    if (!cursor) return { error: "The page cursor is not valid. Reload the gallery." };
    where.push(sql`(${generations.createdAt}, ${generations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const db = await getDb();
  const rows = await db
    .select({
      id: generations.id,
      prompt: generations.prompt,
      model: generations.model,
      aspectRatio: generations.aspectRatio,
      seed: generations.seed,
      favorite: generations.favorite,
      reviewState: generations.reviewState,
      createdAt: generations.createdAt,
      sortKey,
      imageId: images.id,
      width: images.width,
      height: images.height,
      packId: generations.packId,
      checks: sql<CheckStatus | null>`${generations.checks}->>'status'`,
      packImages: sql<number>`case when ${generations.packId} is null then 0 else (select count(*)::int from generations pg where pg.pack_id = ${generations.packId} and pg.status = 'completed') end`,
      packPlacements: sql<number>`case when ${generations.packId} is null then 0 else (select count(*)::int from pack_assets pa where pa.pack_id = ${generations.packId}) end`,
    })
    .from(generations)
    .innerJoin(images, and(eq(images.generationId, generations.id), eq(images.position, 0)))
    .where(and(...where))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      prompt: r.prompt,
      model: r.model,
      modelName: isModelId(r.model) ? MODELS[r.model].name : r.model,
      aspectRatio: r.aspectRatio,
      seed: r.seed,
      favorite: r.favorite,
      reviewState: r.reviewState,
      createdAt: r.createdAt.toISOString(),
      image: { id: r.imageId, url: `/api/images/${r.imageId}`, thumbUrl: `/api/images/${r.imageId}/thumb`, width: r.width, height: r.height },
      checks: r.checks,
      pack: r.packId ? { id: r.packId, images: Number(r.packImages), placements: Number(r.packPlacements) } : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}

/** Counted exactly up to here; beyond, the header says "10,000+". */
export const GALLERY_COUNT_CAP = 10_000;

/**
 * How many images the view holds, up to GALLERY_COUNT_CAP + 1: counting all of a 100,000-image workspace took
 * 680 ms on PostgreSQL (each row checked against its pack), stopping at 10,001 takes 11 ms.
 */
export async function countGallery(scope: Scope, filters: GalleryFilters): Promise<number> {
  const db = await getDb();
  const capped = db
    .select({ one: sql`1` })
    .from(generations)
    .where(and(...conditions(scope, filters)))
    .limit(GALLERY_COUNT_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: count() }).from(capped);
  return row?.n ?? 0;
}

/** The images before and after one image in the same filtered view, for the detail page's arrow keys. */
export async function galleryNeighbours(scope: Scope, id: string, filters: GalleryFilters): Promise<{ newer: string | null; older: string | null }> {
  const db = await getDb();
  const [self] = await db
    .select({ at: sortKey })
    .from(generations)
    .where(and(eq(generations.id, id), eq(generations.workspaceId, scope.workspaceId)));
  if (!self) return { newer: null, older: null };
  const base = conditions(scope, filters);
  const position = sql`(${generations.createdAt}, ${generations.id})`;
  const key = sql`(${self.at}::timestamptz, ${id}::uuid)`;
  const [older] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(...base, sql`${position} < ${key}`))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(1);
  const [newer] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(...base, sql`${position} > ${key}`))
    .orderBy(generations.createdAt, generations.id)
    .limit(1);
  return { newer: newer?.id ?? null, older: older?.id ?? null };
}
