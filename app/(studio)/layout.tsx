import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { NavLinks } from "@/components/ui/nav-links";
import { PhoneMenu } from "@/components/ui/phone-menu";
import { CreditsBadge } from "@/components/studio/credits-badge";
import { QueuePanel } from "@/components/studio/queue-panel";
import { ShortcutsOverlay } from "@/components/ui/shortcuts";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { signOutAction } from "@/lib/actions/auth-actions";
import { requireActor, requireUser } from "@/lib/auth";
import { listWorkspaces } from "@/lib/workspaces";
import { WorkspaceSwitcher } from "@/components/workspaces/workspace-switcher";
import { RoleProvider } from "@/components/workspaces/role-context";
import { config } from "@/lib/config";

function SignOut() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="whitespace-nowrap rounded-control px-2.5 py-1.5 text-sm text-muted hover:bg-raised hover:text-ink">
        Sign out
      </button>
    </form>
  );
}

/** `compact`: "Sim" where the desktop header is tight, the whole word from 2xl up. */
function SimulatorBadge({ className = "", compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span
      data-testid="provider-badge"
      title="No SEGMIND_API_KEY is set: generations run on the built-in Segmind simulator and cost nothing."
      className={`rounded-full border border-warning/40 bg-warning/10 px-2.5 py-0.5 text-2xs font-medium text-warning ${className}`}
    >
      {compact ? (
        <>
          <span className="2xl:hidden">Sim</span>
          <span className="hidden 2xl:inline">Simulator</span>
        </>
      ) : (
        "Simulator"
      )}
    </span>
  );
}

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const [user, actor] = await Promise.all([requireUser(), requireActor()]);
  const workspaces = await listWorkspaces(user.id);
  const simulated = config().provider === "simulator";
  return (
    <div className="min-h-screen bg-canvas">
      <header className="sticky top-0 z-30 border-b border-line bg-canvas/85 backdrop-blur">
        <div className="relative mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4 sm:px-6 xl:gap-2 2xl:gap-4">
          <Link href="/" aria-label="Nano Studio home" className="shrink-0 whitespace-nowrap">
            <Logo />
          </Link>
          <WorkspaceSwitcher workspaces={workspaces} activeId={actor.workspaceId} className="hidden md:flex" />
          <NavLinks admin={user.role === "admin"} />
          <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-2 xl:gap-1 2xl:gap-2">
            {simulated ? <SimulatorBadge className="hidden xl:inline" compact /> : null}
            <CreditsBadge className="hidden sm:inline" />
            <QueuePanel />
            <div className="hidden items-center gap-1 xl:flex">
              <ShortcutsOverlay />
              <ThemeToggle />
              <span className="hidden text-sm text-muted 2xl:inline" data-testid="user-name">
                {user.name || user.email}
              </span>
              <SignOut />
            </div>
            <PhoneMenu>
              <WorkspaceSwitcher workspaces={workspaces} activeId={actor.workspaceId} className="mb-2 md:hidden" />
              <NavLinks admin={user.role === "admin"} vertical />
              <div className="mt-2 flex flex-wrap items-center gap-2 border-t border-line pt-3">
                <CreditsBadge />
                {simulated ? <SimulatorBadge /> : null}
                <span className="ml-auto text-sm text-muted">{user.name || user.email}</span>
              </div>
              <div className="mt-2 flex items-center justify-between">
                <ThemeToggle withLabel />
                <SignOut />
              </div>
            </PhoneMenu>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        <RoleProvider role={actor.role}>{children}</RoleProvider>
      </main>
    </div>
  );
}
