import "server-only";
/**
 * Who is asking, and where: a user, the workspace they are working in, and their role there — read from the
 * database on every request, so a removal or a lower role counts from the very next one. Every read and
 * change of a workspace's things takes an Actor; what a role may do is `may()` and `refusal()` in ./roles.ts.
 */
import { personalWorkspaceId, roleIn } from ".";
import type { WorkspaceRole } from "./roles";

export { refusal } from "./roles";

export interface Actor {
  userId: string;
  workspaceId: string;
  role: WorkspaceRole;
}

/** What reading needs: the workspace. A share link reads on its workspace's behalf with nothing more. */
export type Scope = Pick<Actor, "workspaceId">;

/** The browser's active workspace; only a hint: membership is checked on every request. */
export const WORKSPACE_COOKIE = "nano_workspace";

/** The user in the workspace they asked for if they are a member there now, else in their personal one. */
export async function actorIn(userId: string, wanted: string | undefined): Promise<Actor> {
  if (wanted && wanted !== personalWorkspaceId(userId)) {
    const role = await roleIn(userId, wanted);
    if (role) return { userId, workspaceId: wanted, role };
  }
  return { userId, workspaceId: personalWorkspaceId(userId), role: "owner" };
}
