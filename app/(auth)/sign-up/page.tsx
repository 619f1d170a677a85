import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { policyRefusal, signupPolicy, usableInvite } from "@/lib/auth/signup";
import { hasAnyUser } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  const first = !(await hasAnyUser());
  const { policy } = await signupPolicy();
  const invited = invite ? await usableInvite(invite) : null;
  let note: string;
  if (first) note = "You are the first here: this account becomes the studio's admin, who decides who else may sign up.";
  else if (invite && !invited) note = "This invite link has expired, was revoked or was already used. Ask the studio's admin for a new one.";
  else if (invited) note = "You were invited: create your account below.";
  else if (policy.kind === "open") note = "Every image you make is kept with its recipe and seed.";
  else note = policyRefusal(policy);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p data-testid="signup-note" className="mb-6 text-sm text-muted">
        {note}
      </p>
      <AuthForm mode="sign-up" invite={invited ? invite : undefined} />
    </>
  );
}
