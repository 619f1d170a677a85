"use server";
/** The instance admin's changes: who may sign up, invite links, and disabling accounts. */
import { revalidatePath } from "next/cache";
import { setUserDisabled } from "../auth/admin";
import { createSignupInvite, revokeSignupInvite, setSignupPolicy, signupPolicy } from "../auth/signup";
import { parseSignupPolicy } from "../auth/signup-policy";
import { isStorableText } from "../validation";
import { adminAction, type Result } from "./safe-action";

export const setSignupPolicyAction = adminAction(async (_adminId, kind: string, domains: string): Promise<Result> => {
  if ((await signupPolicy()).fromEnvironment) return { ok: false, error: "The SIGNUP environment variable fixes the policy: change it there." };
  const policy = parseSignupPolicy(kind === "domains" ? `domains:${String(domains)}` : String(kind));
  if (!policy)
    return {
      ok: false,
      error: kind === "domains" ? "List one or more domains, separated by commas, such as example.com, example.org." : "Choose open, invite or domains.",
    };
  await setSignupPolicy(policy);
  revalidatePath("/admin");
  return { ok: true };
});

export const createSignupInviteAction = adminAction(async (adminId, note: string): Promise<Result<{ path: string; expiresAt: string }>> => {
  const text = String(note ?? "").trim();
  if (!isStorableText(text) || text.length > 80) return { ok: false, error: "Keep the note under 80 plain characters." };
  const { token, invite } = await createSignupInvite(adminId, text);
  revalidatePath("/admin");
  return { ok: true, path: `/sign-up?invite=${token}`, expiresAt: invite.expiresAt.toISOString() };
});

export const revokeSignupInviteAction = adminAction(async (_adminId, id: string): Promise<Result> => {
  if (!(await revokeSignupInvite(String(id)))) return { ok: false, error: "This invite was already used or revoked." };
  revalidatePath("/admin");
  return { ok: true };
});

export const setUserDisabledAction = adminAction(async (adminId, userId: string, disabled: boolean): Promise<Result> => {
  if (!(await setUserDisabled(adminId, String(userId), Boolean(disabled))))
    return { ok: false, error: "That account cannot be changed (you cannot disable yourself)." };
  revalidatePath("/admin");
  return { ok: true };
});
