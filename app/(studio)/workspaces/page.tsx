import type { Metadata } from "next";
import { WorkspaceCard } from "@/components/workspaces/workspace-card";
import { NewWorkspaceForm } from "@/components/workspaces/new-workspace-form";
import { requireActor, requireUser } from "@/lib/auth";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { listMembers, listWorkspaces, may } from "@/lib/workspaces";
import { listWorkspaceInvites } from "@/lib/workspaces/invites";
import { budgetOf } from "@/lib/workspaces/budget";
import { BudgetForm } from "@/components/workspaces/budget-form";

export const metadata: Metadata = { title: "Workspaces" };

/** The user's workspaces: their personal one, and the teams they make or join by link. */
export default async function WorkspacesPage() {
  const [user, actor] = await Promise.all([requireUser(), requireActor()]);
  const workspaces = await listWorkspaces(user.id);
  const active = workspaces.find((w) => w.id === actor.workspaceId);
  const personal = workspaces.find((w) => w.personal)!;
  const teams = await Promise.all(
    workspaces
      .filter((w) => !w.personal)
      .map(async (w) => {
        const [members, invites, budget] = await Promise.all([
          listMembers(user.id, w.id),
          may(w.role, "manage") ? listWorkspaceInvites(user.id, w.id) : null,
          budgetOf(w.id),
        ]);
        return { ...w, members: members.ok ? members.members : [], invites: invites?.ok ? invites.invites : null, budget };
      }),
  );
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Workspaces</h1>
      <p className="mb-5 max-w-2xl text-sm text-muted">
        Your personal workspace is yours alone. A team workspace is shared: owners invite people by link, as an editor (makes images), a reviewer (approves
        them) or a viewer (looks).
      </p>
      {active && may(active.role, "manage") ? (
        <nav aria-label="Active workspace" className="mb-5 flex flex-wrap items-center gap-2 text-sm" data-testid="owner-links">
          <span className="text-muted">
            Working in <span className="font-medium text-ink">{active.name}</span>:
          </span>
          <Link href="/spend" className={buttonClass("secondary", "px-2.5 py-1 text-xs")}>
            Spend
          </Link>
          <Link href="/audit" className={buttonClass("secondary", "px-2.5 py-1 text-xs")}>
            Audit log
          </Link>
        </nav>
      ) : null}
      <section className="mb-6 rounded-card border border-line bg-surface p-4 shadow-sm" data-testid="personal-workspace">
        <h2 className="mb-2 text-base font-semibold">Personal</h2>
        <BudgetForm workspaceId={personal.id} budget={await budgetOf(personal.id)} canManage />
      </section>
      <NewWorkspaceForm />
      <ul className="mt-6 space-y-4">
        {teams.map((team) => (
          <WorkspaceCard key={team.id} workspace={team} me={user.id} />
        ))}
      </ul>
      {teams.length === 0 ? (
        <p className="mt-6 rounded-card border border-dashed border-line p-8 text-center text-sm text-muted">
          No team workspaces yet. Make one above, or open an invite link someone sent you.
        </p>
      ) : null}
    </>
  );
}
