import { NextResponse } from "next/server";
import { withActor } from "@/lib/api";
import { workspaceName } from "@/lib/workspaces";
import { budgetOf } from "@/lib/workspaces/budget";

/** The workspace the caller works in (a token's own; a session's active one): id, name, their role, its budget. */
export const GET = withActor(async (_request, actor) =>
  NextResponse.json(
    { id: actor.workspaceId, name: await workspaceName(actor.workspaceId), role: actor.role, budget: await budgetOf(actor.workspaceId) },
    { headers: { "cache-control": "no-store" } },
  ),
);
