"use server";
/** Team workspaces: make one, invite by link, change roles, leave. Every check is the data layer's. */
import type { WorkspaceRole } from "../db/schema";
import { createWorkspace, setMemberRole } from "../workspaces";
import { setMonthlyBudget } from "../workspaces/budget";
import { acceptWorkspaceInvite, createWorkspaceInvite, revokeWorkspaceInvite } from "../workspaces/invites";
import { authedAction, type Result } from "./safe-action";
import { cookies } from "next/headers";
import { roleIn } from "../workspaces";
import { WORKSPACE_COOKIE } from "../workspaces/actor";

/** The header's switcher: every page, route and action works in this workspace from the next request. */
export const switchWorkspaceAction = authedAction(async (actor, workspaceId: string): Promise<Result> => {
  const id = String(workspaceId);
  if (!(await roleIn(actor.userId, id))) return { ok: false, error: "This workspace does not exist, or you are not a member." };
  await setActiveWorkspace(id);
  return { ok: true };
});

async function setActiveWorkspace(id: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86_400 });
}

export const createWorkspaceAction = authedAction(async (actor, name: string): Promise<Result<{ id: string }>> => {
  const made = await createWorkspace(actor.userId, name);
  return made.ok ? { ok: true, id: made.workspace.id } : made;
});

export const setMemberRoleAction = authedAction(async (actor, workspaceId: string, memberId: string, role: WorkspaceRole | null): Promise<Result> =>
  setMemberRole(actor.userId, String(workspaceId), String(memberId), role === null ? null : (String(role) as WorkspaceRole)),
);

export const createInviteAction = authedAction(async (actor, workspaceId: string, role: WorkspaceRole): Promise<Result<{ path: string }>> => {
  const made = await createWorkspaceInvite(actor.userId, String(workspaceId), role);
  return made.ok ? { ok: true, path: made.path } : made;
});

export const revokeInviteAction = authedAction(async (actor, inviteId: string): Promise<Result> => revokeWorkspaceInvite(actor.userId, String(inviteId)));

export const acceptInviteAction = authedAction(async (actor, token: string): Promise<Result<{ workspaceId: string }>> => {
  const joined = await acceptWorkspaceInvite(actor.userId, String(token));
  if (!joined.ok) return joined;
  // Someone who just joined wants to work there: it becomes their active workspace.
  await setActiveWorkspace(joined.workspaceId);
  return { ok: true, workspaceId: joined.workspaceId };
});

export const setBudgetAction = authedAction(async (actor, workspaceId: string, monthlyUsd: number | null): Promise<Result> => {
  const result = await setMonthlyBudget(actor.userId, String(workspaceId), monthlyUsd);
  return result.ok ? { ok: true } : result;
});
