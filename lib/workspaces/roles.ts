/** The roles of a workspace member, strongest first, and what each may do. Plain module: the browser asks too. */
export const WORKSPACE_ROLES = ["owner", "editor", "reviewer", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** What each role may do; the one table every check reads. */
export const CAN = {
  manage: ["owner"],
  generate: ["owner", "editor"],
  /** Boards, favourites, share links, sending images for review. */
  edit: ["owner", "editor"],
  comment: ["owner", "editor", "reviewer"],
  review: ["owner", "reviewer"],
  read: ["owner", "editor", "reviewer", "viewer"],
} as const satisfies Record<string, readonly WorkspaceRole[]>;
export type Capability = keyof typeof CAN;

export function may(role: WorkspaceRole | null, capability: Capability): boolean {
  return role !== null && (CAN[capability] as readonly WorkspaceRole[]).includes(role);
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
export function refusal(actor: { role: WorkspaceRole }, capability: Capability): string | null {
  if (may(actor.role, capability)) return null;
  return `You are a ${actor.role} in this workspace: only ${WHO[capability]} can ${WHAT[capability]}.`;
}
