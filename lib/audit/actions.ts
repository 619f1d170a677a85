/** What the audit log records, with the words the log page shows. Plain module: the filter lists them too. */
export const AUDIT_ACTIONS = {
  workspace_created: "Workspace created",
  generated: "Generated",
  sent_for_review: "Sent for review",
  approved: "Approved",
  changes_requested: "Changes requested",
  approval_withdrawn: "Approval withdrawn (files changed)",
  exported: "Exported",
  shared: "Shared",
  unshared: "Share link ended",
  invite_created: "Invite created",
  invite_revoked: "Invite revoked",
  member_joined: "Member joined",
  role_changed: "Role changed",
  member_removed: "Member removed",
  budget_changed: "Budget changed",
  brand_kit_created: "Brand kit created",
  brand_kit_changed: "Brand kit changed",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: unknown): value is AuditAction => typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
