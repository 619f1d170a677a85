import type { Metadata } from "next";
import Link from "next/link";
import { JoinButton } from "@/components/workspaces/join-button";
import { requireUser } from "@/lib/auth";
import { describeInvite } from "@/lib/workspaces/invites";

export const metadata: Metadata = { title: "Join a workspace", robots: { index: false, follow: false } };

const STATE_WORDS = {
  used: "This invite link was already used.",
  revoked: "This invite link was turned off by the workspace's owner.",
  expired: "This invite link has expired.",
} as const;

/** An invite link, opened: what it offers (workspace and role) before anything happens, then Join. */
export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  await requireUser();
  const { token } = await params;
  const invite = await describeInvite(token);
  return (
    <div className="mx-auto max-w-md rounded-card border border-line bg-surface p-6 text-center shadow-sm" data-testid="join">
      {invite && invite.state === "open" ? (
        <>
          <h1 className="text-lg font-semibold">
            Join <span data-testid="join-workspace">{invite.workspaceName}</span>
          </h1>
          <p className="mt-1 text-sm text-muted">
            as{" "}
            <span className="font-medium text-ink" data-testid="join-role">
              {invite.role}
            </span>
          </p>
          <JoinButton token={token} />
        </>
      ) : (
        <>
          <h1 className="text-lg font-semibold">This link cannot be used</h1>
          <p className="mt-1 text-sm text-muted" data-testid="join-refused">
            {invite ? STATE_WORDS[invite.state as keyof typeof STATE_WORDS] : "There is no invite behind this link."} Ask the workspace&apos;s owner for a new
            one.
          </p>
        </>
      )}
      <Link href="/workspaces" className="mt-4 inline-block text-sm text-muted underline-offset-4 hover:underline">
        Your workspaces
      </Link>
    </div>
  );
}
