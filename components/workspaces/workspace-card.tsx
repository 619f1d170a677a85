"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createInviteAction, revokeInviteAction, setMemberRoleAction } from "@/lib/actions/workspace-actions";
import { WORKSPACE_ROLES, type WorkspaceRole } from "@/lib/workspaces/roles";
import type { Member, WorkspaceSummary } from "@/lib/workspaces";
import type { InviteView } from "@/lib/workspaces/invites";
import type { Budget } from "@/lib/workspaces/budget";
import { BudgetForm } from "./budget-form";
import { buttonClass } from "../ui/button";
import { ShownOnce } from "../ui/shown-once";

const ROLE_WORDS: Record<WorkspaceRole, string> = {
  owner: "Owner — members, roles, budget",
  editor: "Editor — makes images, boards, links",
  reviewer: "Reviewer — comments and approves",
  viewer: "Viewer — looks only",
};

const select = "rounded-control border border-line bg-canvas px-2 py-1.5 text-sm";

/** One team workspace: its members (owners change roles and remove people) and its invite links. */
export function WorkspaceCard({
  workspace,
  me,
}: {
  workspace: WorkspaceSummary & { members: Member[]; invites: InviteView[] | null; budget: Budget };
  me: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [inviteRole, setInviteRole] = useState<WorkspaceRole>("editor");
  const owner = workspace.role === "owner";
  const act = (action: () => Promise<{ ok: true } | { ok: false; error: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error);
      if (result.ok) after?.();
      router.refresh();
    });

  return (
    <li className="rounded-card border border-line bg-surface p-4 shadow-sm" data-testid="workspace" data-workspace-id={workspace.id}>
      <div className="mb-3 flex flex-wrap items-baseline gap-2">
        <h2 className="text-base font-semibold" data-testid="workspace-name">
          {workspace.name}
        </h2>
        <span className="text-2xs text-muted">you are {workspace.role}</span>
        <button
          type="button"
          disabled={pending}
          className={buttonClass("ghost", "ml-auto px-2.5 py-1 text-xs")}
          onClick={() => confirm(`Leave ${workspace.name}?`) && act(() => setMemberRoleAction(workspace.id, me, null))}
        >
          Leave
        </button>
      </div>
      <table className="w-full text-sm" data-testid="members">
        <caption className="sr-only">Members of {workspace.name}</caption>
        <tbody className="divide-y divide-line">
          {workspace.members.map((m) => (
            <tr key={m.userId} data-testid="member" data-role={m.role}>
              <td className="py-2 pr-3">
                <span className="font-medium">{m.name || m.email}</span>
                <span className="block text-2xs text-muted">{m.email}</span>
              </td>
              <td className="py-2 text-right">
                {owner ? (
                  <span className="inline-flex items-center gap-2">
                    <label>
                      <span className="sr-only">Role of {m.name || m.email}</span>
                      <select
                        className={select}
                        value={m.role}
                        disabled={pending}
                        onChange={(e) => act(() => setMemberRoleAction(workspace.id, m.userId, e.target.value as WorkspaceRole))}
                      >
                        {WORKSPACE_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </label>
                    {m.userId !== me ? (
                      <button
                        type="button"
                        disabled={pending}
                        className={buttonClass("danger", "px-2.5 py-1 text-xs")}
                        onClick={() => act(() => setMemberRoleAction(workspace.id, m.userId, null))}
                      >
                        Remove
                      </button>
                    ) : null}
                  </span>
                ) : (
                  <span className="text-muted">{m.role}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3 border-t border-line pt-3">
        <BudgetForm workspaceId={workspace.id} budget={workspace.budget} canManage={owner} />
      </div>
      {owner && workspace.invites ? (
        <div className="mt-4 space-y-2 border-t border-line pt-3" data-testid="invites">
          <div className="flex flex-wrap items-center gap-2">
            <label className="text-sm">
              <span className="mr-2 text-muted">Invite link for</span>
              <select className={select} value={inviteRole} onChange={(e) => setInviteRole(e.target.value as WorkspaceRole)}>
                {WORKSPACE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_WORDS[r]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={pending}
              className={buttonClass("secondary", "px-3 py-1.5")}
              onClick={() =>
                startTransition(async () => {
                  const made = await createInviteAction(workspace.id, inviteRole);
                  setError(made.ok ? null : made.error);
                  if (made.ok) setLink(`${window.location.origin}${made.path}`);
                  router.refresh();
                })
              }
            >
              Create link
            </button>
          </div>
          {link ? (
            <ShownOnce
              message="Send this link to the person it is for: it works once, for 7 days, until you revoke it, and will not be shown again."
              label="Invite link"
              testId="invite-url"
              value={link}
            />
          ) : null}
          <ul className="space-y-1 text-xs">
            {workspace.invites.map((invite) => (
              <li key={invite.id} className="flex items-center gap-2" data-testid="invite" data-state={invite.state}>
                <span className="font-medium">{invite.role}</span>
                <span className="text-muted">{invite.state === "open" ? `open until ${new Date(invite.expiresAt).toLocaleDateString()}` : invite.state}</span>
                {invite.state === "open" ? (
                  <button
                    type="button"
                    disabled={pending}
                    className={buttonClass("ghost", "px-2 py-0.5 text-xs")}
                    onClick={() => act(() => revokeInviteAction(invite.id))}
                  >
                    Revoke
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
    </li>
  );
}
