"use server";
/** Personal access tokens for the JSON API. */
import { createAccessToken, revokeAccessToken, type AccessTokenView } from "../api/access-tokens";
import { authedAction, type Result } from "./safe-action";

export const createTokenAction = authedAction(async (actor, name: string): Promise<Result<{ token: string; view: AccessTokenView }>> =>
  createAccessToken(actor, name),
);

export const revokeTokenAction = authedAction(async (actor, id: string): Promise<Result> =>
  (await revokeAccessToken(actor.userId, String(id))) ? { ok: true } : { ok: false, error: "This token does not exist or is already revoked." },
);
