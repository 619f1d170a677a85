"use client";
/**
 * The user's role in the active workspace, for hiding what they cannot do (a viewer sees no Generate button).
 * Only a courtesy: every action and route checks the role again on the server.
 */
import { createContext, useContext } from "react";
import { may, type Capability, type WorkspaceRole } from "@/lib/workspaces/roles";

const RoleContext = createContext<WorkspaceRole>("owner");

export function RoleProvider({ role, children }: { role: WorkspaceRole; children: React.ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useCan(capability: Capability): boolean {
  return may(useContext(RoleContext), capability);
}
