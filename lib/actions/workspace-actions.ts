"use server";
/** Team workspaces: make one, invite by link, change roles, leave. Every check is the data layer's. */
import type { WorkspaceRole } from "../db/schema";
import { createWorkspace, setMemberRole } from "../workspaces";
import { setMonthlyBudget } from "../workspaces/budget";
import { acceptWorkspaceInvite, createWorkspaceInvite, revokeWorkspaceInvite } from "../workspaces/invites";
import { authedAction, type Result } from "./safe-action";

export const createWorkspaceAction = authedAction(async (userId, name: string): Promise<Result<{ id: string }>> => {
  const made = await createWorkspace(userId, name);
  return made.ok ? { ok: true, id: made.workspace.id } : made;
});

export const setMemberRoleAction = authedAction(async (userId, workspaceId: string, memberId: string, role: WorkspaceRole | null): Promise<Result> =>
  setMemberRole(userId, String(workspaceId), String(memberId), role === null ? null : (String(role) as WorkspaceRole)),
);

export const createInviteAction = authedAction(async (userId, workspaceId: string, role: WorkspaceRole): Promise<Result<{ path: string }>> => {
  const made = await createWorkspaceInvite(userId, String(workspaceId), role);
  return made.ok ? { ok: true, path: made.path } : made;
});

export const revokeInviteAction = authedAction(async (userId, inviteId: string): Promise<Result> => revokeWorkspaceInvite(userId, String(inviteId)));

export const acceptInviteAction = authedAction(async (userId, token: string): Promise<Result<{ workspaceId: string }>> => {
  const joined = await acceptWorkspaceInvite(userId, String(token));
  return joined.ok ? { ok: true, workspaceId: joined.workspaceId } : joined;
});

export const setBudgetAction = authedAction(async (userId, workspaceId: string, monthlyUsd: number | null): Promise<Result> => {
  const result = await setMonthlyBudget(userId, String(workspaceId), monthlyUsd);
  return result.ok ? { ok: true } : result;
});
