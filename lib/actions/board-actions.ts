"use server";
/** Boards: create, rename, delete, and put the user's images on them. */
import { createBoard, deleteBoard, renameBoard, setOnBoard } from "../library/boards";
import { authedAction, type Result } from "./safe-action";
import { setBoardBudget } from "../workspaces/budget";

/** A board's own monthly cap (owners); `null` removes it. */
export const setBoardBudgetAction = authedAction(async (actor, boardId: string, monthlyUsd: number | null): Promise<Result> => {
  const result = await setBoardBudget(actor, String(boardId), monthlyUsd);
  return result.ok ? { ok: true } : result;
});

export const createBoardAction = authedAction(async (actor, name: string): Promise<Result<{ board: { id: string; name: string } }>> => {
  const result = await createBoard(actor, name);
  if (!result.ok) return result;
  return { ok: true, board: { id: result.board!.id, name: result.board!.name } };
});

export const renameBoardAction = authedAction(async (actor, id: string, name: string): Promise<Result> => {
  const result = await renameBoard(actor, String(id), name);
  return result.ok ? { ok: true } : result;
});

export const deleteBoardAction = authedAction(async (actor, id: string): Promise<Result> => {
  const result = await deleteBoard(actor, String(id));
  return result.ok ? { ok: true } : result;
});

export const setOnBoardAction = authedAction(async (actor, boardId: string, generationIds: string[], on: boolean): Promise<Result<{ changed: number }>> => {
  if (!Array.isArray(generationIds)) return { ok: false, error: "Choose at least one image." };
  const result = await setOnBoard(actor, String(boardId), generationIds.map(String), Boolean(on));
  if (!result.ok) return result;
  return { ok: true, changed: result.changed ?? 0 };
});
