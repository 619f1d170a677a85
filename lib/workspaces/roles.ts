/** The roles of a workspace member, strongest first. Plain module: the browser shows them too. */
export const WORKSPACE_ROLES = ["owner", "editor", "reviewer", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
