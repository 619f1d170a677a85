import "server-only";
/**
 * Comments on an image: plain text (shown as text, never as markup), by owners, editors and reviewers;
 * their author may edit one for five minutes after writing it.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { comments, generations, users } from "../db/schema";
import { isUuid } from "../ids";
import { safeText } from "../validation";
import { refusal, type Actor, type Scope } from "../workspaces/actor";

export const COMMENT_EDIT_MS = 5 * 60_000;

const bodySchema = safeText(
  "The comment",
  z.string({ error: "Write a comment." }).trim().min(1, "Write a comment.").max(2000, "Comments can be at most 2,000 characters."),
);

export interface CommentView {
  id: string;
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  /** Until when its author may still edit it (ISO), or null when that time has passed or it is not theirs. */
  editableUntil: string | null;
}

type Change<T = object> = ({ ok: true } & T) | { ok: false; error: string; forbidden?: true };

export async function addComment(actor: Actor, generationId: string, body: unknown): Promise<Change<{ comment: CommentView }>> {
  const denied = refusal(actor, "comment");
  if (denied) return { ok: false, error: denied, forbidden: true };
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  if (!isUuid(generationId)) return { ok: false, error: "This image does not exist." };
  const db = await getDb();
  const [generation] = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.id, generationId), eq(generations.workspaceId, actor.workspaceId)));
  if (!generation) return { ok: false, error: "This image does not exist." };
  const [row] = await db.insert(comments).values({ workspaceId: actor.workspaceId, generationId, authorId: actor.userId, body: parsed.data }).returning();
  return { ok: true, comment: view(row!, "", actor.userId) };
}

/** The author's edit, within five minutes of writing (the server's clock decides). */
export async function editComment(actor: Actor, commentId: string, body: unknown): Promise<Change> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  if (!isUuid(commentId)) return { ok: false, error: "This comment does not exist." };
  const db = await getDb();
  const [row] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.workspaceId, actor.workspaceId)));
  if (!row) return { ok: false, error: "This comment does not exist." };
  if (row.authorId !== actor.userId) return { ok: false, error: "Only its author can edit a comment.", forbidden: true };
  if (Date.now() - row.createdAt.getTime() > COMMENT_EDIT_MS)
    return { ok: false, error: "A comment can be edited for five minutes after it is written; add a new one instead." };
  await db.update(comments).set({ body: parsed.data, editedAt: new Date() }).where(eq(comments.id, commentId));
  return { ok: true };
}

export async function listComments(scope: Scope & { userId?: string }, generationId: string): Promise<CommentView[]> {
  if (!isUuid(generationId)) return [];
  const db = await getDb();
  const rows = await db
    .select({ comment: comments, name: users.name, email: users.email })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.generationId, generationId), eq(comments.workspaceId, scope.workspaceId)))
    .orderBy(asc(comments.createdAt));
  return rows.map((r) => view(r.comment, r.name || r.email || "a former member", scope.userId));
}

function view(row: typeof comments.$inferSelect, authorName: string, viewerId: string | undefined): CommentView {
  const until = row.createdAt.getTime() + COMMENT_EDIT_MS;
  return {
    id: row.id,
    authorId: row.authorId,
    authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    editableUntil: row.authorId === viewerId && until > Date.now() ? new Date(until).toISOString() : null,
  };
}
