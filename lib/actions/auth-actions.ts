"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { currentUserId, signIn, signOut } from "../auth";
import { AccountDisabled, SignInThrottled } from "../auth/credentials";
import { registerUser } from "../auth/signup";
import { changePassword, changePasswordSchema, endSessions, signInSchema, signUpSchema } from "../auth/users";
import { fieldErrors } from "../segmind/schema";

export interface AuthFormState {
  error?: string;
  notice?: string;
  fieldErrors?: Record<string, string>;
  /** Echoed back so a failed submit does not wipe what was typed (React 19 resets uncontrolled forms). */
  values?: { name?: string; email?: string; password?: string };
}

function safeCallback(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  // Only same-site paths: never an open redirect.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    // signIn() redirects by throwing on success: only Auth.js's own errors are failures here.
    if (error instanceof SignInThrottled) return { error: `Too many sign-in attempts. Try again in ${error.retryAfterSeconds} s.`, values };
    if (error instanceof AccountDisabled) return { error: "This account has been disabled by the studio's admin.", values };
    if (error instanceof AuthError) return { error: "Wrong email or password.", values };
    throw error;
  }
  return {};
}

/**
 * The answer is the same whether the email was new or already registered (the account is created only in
 * the first case): sign-up tells nobody who has an account here. The next step is signing in.
 */
export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const raw = { name: form.get("name"), email: form.get("email"), password: form.get("password"), invite: form.get("invite") || undefined };
  // The password comes back too: a refused sign-up loses nothing that was typed.
  const values = { name: String(raw.name ?? ""), email: String(raw.email ?? ""), password: String(raw.password ?? "") };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  const result = await registerUser(parsed.data);
  if (!result.ok) return { error: result.error, values };
  redirect(`/sign-in?registered=1`);
}

export async function signOutAction(): Promise<void> {
  // Ends this session everywhere: a copied cookie stops working too.
  const userId = await currentUserId();
  if (userId) await endSessions(userId);
  await signOut({ redirectTo: "/sign-in" });
}

export async function oidcSignInAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

/** A new password ends every other session; this browser signs in again with it at once. */
export async function changePasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const userId = await currentUserId();
  if (!userId) return { error: "Sign in first." };
  const parsed = changePasswordSchema.safeParse({ current: form.get("current"), next: form.get("next") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const changed = await changePassword(userId, parsed.data.current, parsed.data.next);
  if (!changed.ok) return { fieldErrors: { [changed.field]: changed.error } };
  try {
    await signIn("credentials", { email: changed.email, password: parsed.data.next, redirectTo: "/settings?password=changed" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in");
    throw error;
  }
  return { notice: "Password changed." };
}
