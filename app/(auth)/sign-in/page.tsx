import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { buttonClass } from "@/components/ui/button";
import { oidcSignInAction } from "@/lib/actions/auth-actions";
import { oidcEnabled } from "@/lib/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const sso = oidcEnabled();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Welcome back</h1>
      <p className="mb-6 text-sm text-muted">Sign in to pick up where you left off.</p>
      {sso ? (
        <form action={oidcSignInAction} className="mb-6">
          <button type="submit" className={buttonClass("secondary", "w-full py-2.5")}>
            Continue with {sso.name}
          </button>
        </form>
      ) : null}
      <AuthForm mode="sign-in" callbackUrl={callbackUrl} />
    </>
  );
}
