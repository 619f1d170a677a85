"use server";
/**
 * The gallery's small edits: favorites, boards, share links, access tokens and the queue. Each checks the
 * session, touches only the user's own rows, and answers with a message a person can act on.
 */
import { createAccessToken, revokeAccessToken, type AccessTokenView } from "../access-tokens";
import { currentUserId } from "../auth";
import { createBoard, deleteBoard, renameBoard, setOnBoard } from "../boards";
import { setFavorite } from "../generations";
import { cancelJob, dismissJob } from "../generations/queue";
import { createShareLink, revokeShareLink, sharePath, type ShareTarget } from "../sharing";

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string };
const signedOut = { ok: false, error: "Your session has ended. Sign in again." } as const;

export async function setFavoriteAction(generationId: string, favorite: boolean): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  return (await setFavorite(userId, String(generationId), Boolean(favorite))) ? { ok: true } : { ok: false, error: "This image does not exist." };
}

export async function createBoardAction(name: string): Promise<Result<{ board: { id: string; name: string } }>> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  const result = await createBoard(userId, name);
  if (!result.ok) return result;
  return { ok: true, board: { id: result.board!.id, name: result.board!.name } };
}

export async function renameBoardAction(id: string, name: string): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  const result = await renameBoard(userId, String(id), name);
  return result.ok ? { ok: true } : result;
}

export async function deleteBoardAction(id: string): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  const result = await deleteBoard(userId, String(id));
  return result.ok ? { ok: true } : result;
}

export async function setOnBoardAction(boardId: string, generationIds: string[], on: boolean): Promise<Result<{ changed: number }>> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  if (!Array.isArray(generationIds)) return { ok: false, error: "Choose at least one image." };
  const result = await setOnBoard(userId, String(boardId), generationIds.map(String), Boolean(on));
  if (!result.ok) return result;
  return { ok: true, changed: result.changed ?? 0 };
}

export async function shareAction(target: ShareTarget, on: boolean): Promise<Result<{ path: string | null }>> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  if (!target || (target.kind !== "image" && target.kind !== "board")) return { ok: false, error: "Choose an image or a board to share." };
  const clean: ShareTarget = { kind: target.kind, id: String(target.id) };
  if (!on) {
    await revokeShareLink(userId, clean);
    return { ok: true, path: null };
  }
  const created = await createShareLink(userId, clean);
  return created.ok ? { ok: true, path: sharePath(created.link.token) } : created;
}

export async function createTokenAction(name: string): Promise<Result<{ token: string; view: AccessTokenView }>> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  const created = await createAccessToken(userId, name);
  return created;
}

export async function revokeTokenAction(id: string): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  if (!(await revokeAccessToken(userId, String(id)))) return { ok: false, error: "This token does not exist or is already revoked." };
  return { ok: true };
}

export async function cancelJobAction(id: string): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  return cancelJob(userId, String(id));
}

export async function dismissJobAction(id: string): Promise<Result> {
  const userId = await currentUserId();
  if (!userId) return signedOut;
  return dismissJob(userId, String(id));
}
