import { NextResponse } from "next/server";
import { withUser } from "@/lib/api";
import { listWorkspaces, personalWorkspaceId } from "@/lib/workspaces";
import { budgetOf } from "@/lib/workspaces/budget";

/** The workspace the caller works in (for now their personal one): id, name, their role, and its budget. */
export const GET = withUser(async (_request, userId) => {
  const id = personalWorkspaceId(userId);
  const workspace = (await listWorkspaces(userId)).find((w) => w.id === id);
  if (!workspace) return NextResponse.json({ error: "No workspace." }, { status: 404 });
  return NextResponse.json({ id, name: workspace.name, role: workspace.role, budget: await budgetOf(id) }, { headers: { "cache-control": "no-store" } });
});
