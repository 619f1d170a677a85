"use server";
/** The instance admin's changes: who may sign up, invite links, and disabling accounts. */
import { revalidatePath } from "next/cache";
import { currentAdminId } from "../auth";
import { setUserDisabled } from "../auth/admin";
import { createSignupInvite, revokeSignupInvite, setSignupPolicy, signupPolicy } from "../auth/signup";
import { parseSignupPolicy } from "../auth/signup-policy";
import { isStorableText } from "../validation";

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string };
const notAdmin = { ok: false, error: "Only the studio's admin can do this." } as const;

export async function setSignupPolicyAction(kind: string, domains: string): Promise<Result> {
  if (!(await currentAdminId())) return notAdmin;
  if ((await signupPolicy()).fromEnvironment) return { ok: false, error: "The SIGNUP environment variable fixes the policy: change it there." };
  const policy = parseSignupPolicy(kind === "domains" ? `domains:${String(domains)}` : String(kind));
  if (!policy) return { ok: false, error: kind === "domains" ? "List one or more domains, separated by commas, such as example.com, example.org." : "Choose open, invite or domains." };
  await setSignupPolicy(policy);
  revalidatePath("/admin");
  return { ok: true };
}

export async function createSignupInviteAction(note: string): Promise<Result<{ path: string; expiresAt: string }>> {
  const adminId = await currentAdminId();
  if (!adminId) return notAdmin;
  const text = String(note ?? "").trim();
  if (!isStorableText(text) || text.length > 80) return { ok: false, error: "Keep the note under 80 plain characters." };
  const { token, invite } = await createSignupInvite(adminId, text);
  revalidatePath("/admin");
  return { ok: true, path: `/sign-up?invite=${token}`, expiresAt: invite.expiresAt.toISOString() };
}

export async function revokeSignupInviteAction(id: string): Promise<Result> {
  if (!(await currentAdminId())) return notAdmin;
  if (!(await revokeSignupInvite(String(id)))) return { ok: false, error: "This invite was already used or revoked." };
  revalidatePath("/admin");
  return { ok: true };
}

export async function setUserDisabledAction(userId: string, disabled: boolean): Promise<Result> {
  const adminId = await currentAdminId();
  if (!adminId) return notAdmin;
  if (!(await setUserDisabled(adminId, String(userId), Boolean(disabled)))) return { ok: false, error: "That account cannot be changed (you cannot disable yourself)." };
  revalidatePath("/admin");
  return { ok: true };
}


