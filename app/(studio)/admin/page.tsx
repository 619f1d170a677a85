import type { Metadata } from "next";
import { InviteLinks } from "@/components/admin/invite-links";
import { SignupPolicyForm } from "@/components/admin/signup-policy-form";
import { UserTable } from "@/components/admin/user-table";
import { requireAdmin } from "@/lib/auth";
import { listUsers } from "@/lib/auth/admin";
import { INVITE_DAYS, listSignupInvites, signupPolicy, type InviteStatus } from "@/lib/auth/signup";

export const metadata: Metadata = { title: "Admin" };

function inviteState(invite: { status: InviteStatus; expiresAt: Date; usedByEmail: string | null }): string {
  if (invite.status === "used") return `Used by ${invite.usedByEmail ?? "a removed account"}`;
  if (invite.status === "revoked") return "Revoked";
  if (invite.status === "expired") return "Expired";
  return `Open until ${invite.expiresAt.toISOString().slice(0, 10)}`;
}

/** The instance admin's page: who may sign up (and so spend the operator's credits), and who has. */
export default async function AdminPage() {
  const admin = await requireAdmin();
  const [{ policy, fromEnvironment }, invites, users] = await Promise.all([signupPolicy(), listSignupInvites(), listUsers()]);
  const section = "space-y-3 rounded-card border border-line bg-surface p-5";
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">Admin</h1>
      <section aria-labelledby="policy-title" className={section}>
        <div>
          <h2 id="policy-title" className="text-base font-semibold">
            Who may sign up
          </h2>
          <p className="mt-1 text-sm text-muted">Every account can spend this studio&apos;s Segmind credits.</p>
        </div>
        <SignupPolicyForm kind={policy.kind} domains={policy.kind === "domains" ? policy.domains.join(", ") : ""} fixed={fromEnvironment} />
      </section>
      <section aria-labelledby="invites-title" className={section}>
        <div>
          <h2 id="invites-title" className="text-base font-semibold">
            Invite links
          </h2>
          <p className="mt-1 text-sm text-muted">A link creates one account, whatever the policy, and expires after {INVITE_DAYS} days. It is shown once.</p>
        </div>
        <InviteLinks
          invites={invites.map((i) => ({
            id: i.id,
            note: i.note,
            createdAt: i.createdAt.toISOString(),
            state: inviteState(i),
            open: i.status === "open",
          }))}
        />
      </section>
      <section aria-labelledby="users-title" className={section}>
        <div>
          <h2 id="users-title" className="text-base font-semibold">
            Accounts
          </h2>
          <p className="mt-1 text-sm text-muted">
            Spend is the estimated price of every run Segmind was asked to do. Disabling an account ends its sessions and tokens at once; its queued jobs still
            finish.
          </p>
        </div>
        <UserTable users={users} selfId={admin.id} />
      </section>
    </div>
  );
}
