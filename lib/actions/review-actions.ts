"use server";
/** Review: send images or a board for review, approve or request changes, comment. Every check is lib/review's; the page refreshes itself. */
import { decide, sendBoardForReview, sendForReview, type Decision } from "../review";
import { addComment, editComment, type CommentView } from "../review/comments";
import { authedAction, type Result } from "./safe-action";

export const sendForReviewAction = authedAction(async (actor, generationIds: string[]): Promise<Result<{ sent: number }>> => {
  if (!Array.isArray(generationIds)) return { ok: false, error: "Choose at least one image." };
  return sendForReview(actor, generationIds.map(String));
});

export const sendBoardForReviewAction = authedAction(async (actor, boardId: string): Promise<Result<{ sent: number }>> => {
  return sendBoardForReview(actor, String(boardId));
});

export const decideAction = authedAction(async (actor, generationId: string, decision: Decision, comment?: string): Promise<Result> => {
  return decide(actor, String(generationId), decision, typeof comment === "string" ? comment : undefined);
});

export const addCommentAction = authedAction(async (actor, generationId: string, body: string): Promise<Result<{ comment: CommentView }>> =>
  addComment(actor, String(generationId), body),
);

export const editCommentAction = authedAction(async (actor, commentId: string, body: string): Promise<Result> => editComment(actor, String(commentId), body));
