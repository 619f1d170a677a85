import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { buttonClass } from "@/components/ui/button";
import { oidcSignInAction } from "@/lib/actions/auth-actions";
import { oidcEnabled } from "@/lib/auth";
import { hasAnyUser } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; registered?: string }> }) {
  const { callbackUrl, registered } = await searchParams;
  // A fresh install has nobody to welcome back: its first visitor creates the admin account.
  if (!(await hasAnyUser())) redirect("/sign-up");
  const sso = oidcEnabled();
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{registered ? "Now sign in" : "Welcome back"}</h1>
      {registered ? (
        <p data-testid="registered-notice" className="mb-6 rounded-control border border-line bg-raised px-3 py-2 text-sm">
          If this email was new here, your account is ready: sign in with the password you just chose. If you already had an account, sign in with your existing
          password.
        </p>
      ) : (
        <p className="mb-6 text-sm text-muted">Sign in to pick up where you left off.</p>
      )}
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
