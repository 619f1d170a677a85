import "server-only";
/**
 * The studio's run history: every generation of the user in the active workspace, running, finished or failed, newest first, in
 * keyset pages (the gallery's cursor), so a morning of failures never pushes good work out of reach.
 * A failed run its owner dismissed is left out; everything else stays.
 */
import { and, desc, eq, isNull, or, ne, sql, type SQL } from "drizzle-orm";
import { getDb } from "../db";
import { generations } from "../db/schema";
import { decodeCursor, encodeCursor, sortKey } from "./gallery";
import { withImages } from "./index";
import type { GenerationView } from "./view";
import type { Actor } from "../workspaces/actor";

export const RUNS_PAGE_SIZE = 24;

export interface RunsPage {
  generations: GenerationView[];
  nextCursor: string | null;
}

export async function fetchRunsPage(actor: Actor, cursor?: string | null, limit = RUNS_PAGE_SIZE): Promise<RunsPage | { error: string }> {
  const where: SQL[] = [
    eq(generations.userId, actor.userId),
    eq(generations.workspaceId, actor.workspaceId),
    or(ne(generations.status, "failed"), isNull(generations.dismissedAt))!,
  ];
  if (cursor) {
    const at = decodeCursor(cursor);
    if (!at) return { error: "The page cursor is not valid. Reload the studio." };
    where.push(sql`(${generations.createdAt}, ${generations.id}) < (${at.at}::timestamptz, ${at.id}::uuid)`);
  }
  const db = await getDb();
  const rows = await db
    .select({ generation: generations, sortKey })
    .from(generations)
    .where(and(...where))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    generations: await withImages(page.map((r) => r.generation)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.generation.id) : null,
  };
}
