import "server-only";
/**
 * Boards: a workspace's named collections of its images. Every read is scoped to the workspace; every change
 * needs a role that may edit (owner, editor).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { boardItems, boardPacks, boards, generations, packs, type Board } from "../db/schema";
import { isUuid } from "../ids";
import { safeText } from "../validation";
import { refusal, type Actor, type Scope } from "../workspaces/actor";

export const boardNameSchema = safeText(
  "The board name",
  z.string({ error: "Give the board a name." }).trim().min(1, "Give the board a name.").max(80, "Board names can be at most 80 characters."),
);

export interface BoardSummary {
  id: string;
  name: string;
  count: number;
  /** How many of its images are approved. */
  approved: number;
  /** Its own monthly cap for runs made for it (USD), or null. */
  monthlyBudgetUsd: number | null;
  createdAt: string;
  /** The newest images on the board (up to four), shown at their true shape as its cover. */
  covers: { thumbUrl: string; width: number; height: number }[];
}

export type BoardChange = { ok: true; board?: Board } | { ok: false; error: string };

export async function listBoards(scope: Scope): Promise<BoardSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: boards.id,
      name: boards.name,
      monthlyBudgetUsd: boards.monthlyBudgetUsd,
      createdAt: boards.createdAt,
      // Plain SQL with explicit qualifiers: inside a subquery an unqualified "id" would bind to the inner table.
      count: sql<number>`(select count(*)::int from board_items bi where bi.board_id = boards.id)`,
      approved: sql<number>`(select count(*)::int from board_items bi join generations g on g.id = bi.generation_id where bi.board_id = boards.id and g.review_state = 'approved')`,
      covers: sql<
        { id: string; width: number; height: number }[] | string
      >`(select coalesce(json_agg(c), '[]') from (select i.id, i.width, i.height from board_items bi join images i on i.generation_id = bi.generation_id and i.position = 0 where bi.board_id = boards.id order by bi.added_at desc, i.id limit 4) c)`,
    })
    .from(boards)
    .where(eq(boards.workspaceId, scope.workspaceId))
    .orderBy(asc(sql`lower(${boards.name})`));
  return rows.map((b) => ({
    id: b.id,
    name: b.name,
    count: b.count,
    approved: Number(b.approved),
    monthlyBudgetUsd: b.monthlyBudgetUsd,
    createdAt: b.createdAt.toISOString(),
    // node-postgres parses json; PGlite may hand it over as text.
    covers: (typeof b.covers === "string" ? (JSON.parse(b.covers) as { id: string; width: number; height: number }[]) : b.covers).map((c) => ({
      thumbUrl: `/api/images/${c.id}/thumb`,
      width: c.width,
      height: c.height,
    })),
  }));
}

export async function getBoard(scope: Scope, id: string): Promise<Board | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.id, id), eq(boards.workspaceId, scope.workspaceId)));
  return row ?? null;
}

export async function createBoard(actor: Actor, name: unknown): Promise<BoardChange> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  const parsed = boardNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const db = await getDb();
  const [board] = await db.insert(boards).values({ userId: actor.userId, workspaceId: actor.workspaceId, name: parsed.data }).returning();
  return { ok: true, board: board! };
}

export async function renameBoard(actor: Actor, id: string, name: unknown): Promise<BoardChange> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  const parsed = boardNameSchema.safeParse(name);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  if (!isUuid(id)) return { ok: false, error: "This board does not exist." };
  const db = await getDb();
  const [board] = await db
    .update(boards)
    .set({ name: parsed.data })
    .where(and(eq(boards.id, id), eq(boards.workspaceId, actor.workspaceId)))
    .returning();
  return board ? { ok: true, board } : { ok: false, error: "This board does not exist." };
}

/** Deleting a board removes the board and its links, never the images. */
export async function deleteBoard(actor: Actor, id: string): Promise<BoardChange> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  if (!isUuid(id)) return { ok: false, error: "This board does not exist." };
  const db = await getDb();
  const [board] = await db
    .delete(boards)
    .where(and(eq(boards.id, id), eq(boards.workspaceId, actor.workspaceId)))
    .returning();
  return board ? { ok: true } : { ok: false, error: "This board does not exist." };
}

/** Puts images on a board or takes them off; only the workspace's images and board count. */
export async function setOnBoard(actor: Actor, boardId: string, generationIds: string[], on: boolean): Promise<BoardChange & { changed?: number }> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  const board = await getBoard(actor, boardId);
  if (!board) return { ok: false, error: "This board does not exist." };
  const ids = [...new Set(generationIds.filter(isUuid))].slice(0, 1000);
  if (ids.length === 0) return { ok: false, error: "Choose at least one image." };
  const db = await getDb();
  const owned = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.workspaceId, actor.workspaceId), inArray(generations.id, ids)));
  if (owned.length === 0) return { ok: false, error: "These images do not exist." };
  const ownedIds = owned.map((o) => o.id);
  const changed = on
    ? await db
        .insert(boardItems)
        .values(ownedIds.map((generationId) => ({ boardId, generationId })))
        .onConflictDoNothing()
        .returning()
    : await db
        .delete(boardItems)
        .where(and(eq(boardItems.boardId, boardId), inArray(boardItems.generationId, ownedIds)))
        .returning();
  return { ok: true, board, changed: changed.length };
}

/** Puts a placement pack on a board (it shows there as one entry, and its files go in the board's zip) or takes it off. */
export async function setPackOnBoard(actor: Actor, boardId: string, packId: string, on: boolean): Promise<BoardChange> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  const board = await getBoard(actor, boardId);
  if (!board) return { ok: false, error: "This board does not exist." };
  if (!isUuid(packId)) return { ok: false, error: "This pack does not exist." };
  const db = await getDb();
  const [pack] = await db
    .select({ id: packs.id })
    .from(packs)
    .where(and(eq(packs.id, packId), eq(packs.workspaceId, actor.workspaceId)));
  if (!pack) return { ok: false, error: "This pack does not exist." };
  if (on) await db.insert(boardPacks).values({ boardId, packId }).onConflictDoNothing();
  else await db.delete(boardPacks).where(and(eq(boardPacks.boardId, boardId), eq(boardPacks.packId, packId)));
  return { ok: true, board };
}

/** The boards a pack is on. */
export async function boardsOfPack(scope: Scope, packId: string): Promise<string[]> {
  if (!isUuid(packId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: boardPacks.boardId })
    .from(boardPacks)
    .innerJoin(boards, eq(boards.id, boardPacks.boardId))
    .where(and(eq(boardPacks.packId, packId), eq(boards.workspaceId, scope.workspaceId)));
  return rows.map((r) => r.id);
}

/** A board's packs, oldest first; `approvedOnly` keeps approved packs. */
export async function boardPackIds(boardId: string, { approvedOnly = false }: { approvedOnly?: boolean } = {}): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: boardPacks.packId })
    .from(boardPacks)
    .innerJoin(packs, eq(packs.id, boardPacks.packId))
    .where(and(eq(boardPacks.boardId, boardId), approvedOnly ? eq(packs.reviewState, "approved") : undefined))
    .orderBy(asc(boardPacks.addedAt));
  return rows.map((r) => r.id);
}

/** The ids of the boards one image is on. */
export async function boardsOf(scope: Scope, generationId: string): Promise<string[]> {
  if (!isUuid(generationId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: boardItems.boardId })
    .from(boardItems)
    .innerJoin(boards, eq(boards.id, boardItems.boardId))
    .where(and(eq(boardItems.generationId, generationId), eq(boards.workspaceId, scope.workspaceId)));
  return rows.map((r) => r.id);
}

export async function isOnBoard(boardId: string, generationId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: boardItems.generationId })
    .from(boardItems)
    .where(and(eq(boardItems.boardId, boardId), eq(boardItems.generationId, generationId)))
    .limit(1);
  return Boolean(row);
}

/**
 * A board's images in the order they were added, oldest first (the export's and the shared page's order);
 * `approvedOnly` leaves out everything not approved.
 */
export async function boardGenerationIds(boardId: string, { approvedOnly = false }: { approvedOnly?: boolean } = {}): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: boardItems.generationId })
    .from(boardItems)
    .innerJoin(generations, eq(generations.id, boardItems.generationId))
    .where(and(eq(boardItems.boardId, boardId), eq(generations.status, "completed"), approvedOnly ? eq(generations.reviewState, "approved") : undefined))
    .orderBy(asc(boardItems.addedAt), asc(generations.createdAt));
  return rows.map((r) => r.id);
}
