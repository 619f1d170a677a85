"use server";
import { setFavorite } from "../generations";
import { authedAction, type Result } from "./safe-action";

export const setFavoriteAction = authedAction(async (userId, generationId: string, favorite: boolean): Promise<Result> =>
  (await setFavorite(userId, String(generationId), Boolean(favorite))) ? { ok: true } : { ok: false, error: "This image does not exist." },
);
