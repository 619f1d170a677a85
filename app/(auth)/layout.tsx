import { redirect } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { currentUserId } from "@/lib/auth";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  // Already signed in (a live session, checked against the database): straight to the studio.
  if (await currentUserId()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center bg-canvas px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center text-lg">
          <Logo />
        </div>
        <div className="rounded-card border border-line bg-surface p-6 shadow-sm sm:p-8">{children}</div>
        <p className="mt-6 text-center text-xs text-muted">Prompt studio for Nano Banana 2 and Nano Banana 2 Lite.</p>
      </div>
    </main>
  );
}
