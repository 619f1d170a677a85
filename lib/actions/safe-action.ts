import "server-only";
/**
 * Every server action goes through here: the session is checked, the database being away is a message
 * rather than a crash, and the answer has one shape — `Result<T>` — that forms and buttons read the same way.
 * Expected failures are returned, never thrown; only bugs throw.
 */
import { currentActor, currentAdminId } from "../auth";
import type { Actor } from "../workspaces/actor";
import { isDatabaseUnavailable } from "../db/errors";

export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const SIGNED_OUT = { ok: false, error: "Your session has ended. Sign in again." } as const;
const DATABASE_AWAY = { ok: false, error: "The studio's database cannot be reached right now. Nothing was changed; try again in a few seconds." } as const;

const NOT_ADMIN = { ok: false, error: "Only the studio's admin can do this." } as const;

/** Wraps an action body that needs the signed-in user, in their active workspace with their role there now. */
export function authedAction<Args extends unknown[], T>(body: (actor: Actor, ...args: Args) => Promise<Result<T>>): (...args: Args) => Promise<Result<T>> {
  return guarded(async () => await currentActor(), SIGNED_OUT, body);
}

/** The same for the instance admin's actions (the role is read from the database on every request). */
export function adminAction<Args extends unknown[], T>(body: (adminId: string, ...args: Args) => Promise<Result<T>>): (...args: Args) => Promise<Result<T>> {
  return guarded(async () => await currentAdminId(), NOT_ADMIN, body);
}

function guarded<Who, Args extends unknown[], T>(
  who: () => Promise<Who | null>,
  refusal: Result<T>,
  body: (id: Who, ...args: Args) => Promise<Result<T>>,
): (...args: Args) => Promise<Result<T>> {
  return async (...args: Args) => {
    try {
      const id = await who();
      if (!id) return refusal;
      return await body(id, ...args);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return DATABASE_AWAY;
      throw error;
    }
  };
}
