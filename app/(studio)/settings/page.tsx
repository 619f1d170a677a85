import type { Metadata } from "next";
import { AccessTokens } from "@/components/settings/access-tokens";
import { ChangePassword } from "@/components/settings/change-password";
import { listAccessTokens } from "@/lib/api/access-tokens";
import { requireActor, requireUser } from "@/lib/auth";
import { workspaceName } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const [user, actor] = await Promise.all([requireUser(), requireActor()]);
  const active = await workspaceName(actor.workspaceId);
  const { password } = await searchParams;
  const tokens = await listAccessTokens(user.id);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <section aria-labelledby="tokens-title" className="space-y-3 rounded-card border border-line bg-surface p-5">
        <div>
          <h2 id="tokens-title" className="text-base font-semibold">
            Personal access tokens
          </h2>
          <p className="mt-1 text-sm text-muted">
            For scripts and tools: send <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code> to{" "}
            <code className="font-mono text-xs">/api/v1/generations</code>. A new token acts as you in the workspace you are working in now (
            <span className="font-medium text-ink">{active}</span>), with your role there at each request; it is shown once, stored only as a hash, and can be
            revoked at any time.
          </p>
        </div>
        <AccessTokens initial={tokens} />
      </section>
      <section aria-labelledby="password-title" className="space-y-3 rounded-card border border-line bg-surface p-5">
        <h2 id="password-title" className="text-base font-semibold">
          Password
        </h2>
        <ChangePassword changed={password === "changed"} />
      </section>
    </div>
  );
}
