"use server";
import { setFavorite } from "../generations";
import { authedAction, type Result } from "./safe-action";

export const setFavoriteAction = authedAction(async (actor, generationId: string, favorite: boolean): Promise<Result> =>
  setFavorite(actor, String(generationId), Boolean(favorite)),
);
