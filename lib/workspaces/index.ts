import "server-only";
/**
 * Workspaces: where a team's images, uploads, boards, share links and tokens live. For now every user works
 * in their personal workspace, made with the account; team workspaces, invites, roles and the switcher build
 * on this (issue 12).
 */
import type { Db } from "../db";
import { workspaceMembers, workspaces } from "../db/schema";

/** A personal workspace has its user's id: the workspace of anything a user makes there needs no lookup. */
export function personalWorkspaceId(userId: string): string {
  return userId;
}

/** Makes a new user's personal workspace, with them as its owner — in the transaction that made the user. */
export async function addPersonalWorkspace(db: Pick<Db, "insert">, userId: string): Promise<void> {
  await db
    .insert(workspaces)
    .values({ id: personalWorkspaceId(userId), name: "Personal", personalOf: userId })
    .onConflictDoNothing();
  await db
    .insert(workspaceMembers)
    .values({ workspaceId: personalWorkspaceId(userId), userId, role: "owner" })
    .onConflictDoNothing();
}
