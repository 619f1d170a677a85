import "server-only";
/**
 * Who is asking, and where: a user, the workspace they are working in, and their role there — read from the
 * database on every request, so a removal or a lower role counts from the very next one. Every read and
 * change of a workspace's things takes an Actor; what a role may do is `may()` in ./index.ts.
 */
import { personalWorkspaceId, roleIn, may, type Capability } from ".";
import type { WorkspaceRole } from "./roles";

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

const WHO = {
  manage: "owners",
  generate: "owners and editors",
  edit: "owners and editors",
  comment: "owners, editors and reviewers",
  review: "owners and reviewers",
  read: "members",
} satisfies Record<Capability, string>;

const WHAT = {
  manage: "manage this workspace",
  generate: "generate images or upload references",
  edit: "change boards, favourites or share links",
  comment: "comment",
  review: "approve or request changes",
  read: "see this workspace",
} satisfies Record<Capability, string>;

/** Null when the actor's role allows it; otherwise the sentence that says who may. */
export function refusal(actor: Actor, capability: Capability): string | null {
  if (may(actor.role, capability)) return null;
  return `You are a ${actor.role} in this workspace: only ${WHO[capability]} can ${WHAT[capability]}.`;
}

/** A user in their own personal workspace (where they are always the owner): scripts, seeders, tests. */
export function personalActor(userId: string): Actor {
  return { userId, workspaceId: personalWorkspaceId(userId), role: "owner" };
}
