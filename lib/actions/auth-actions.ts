"use server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "../auth";
import { WINDOW_MINUTES, isThrottled } from "../auth/throttle";
import { createUser, signInSchema, signUpSchema } from "../auth/users";
import { fieldErrors } from "../segmind/schema";

export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Echoed back so a failed submit does not wipe what was typed (React 19 resets uncontrolled forms). */
  values?: { name?: string; email?: string };
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
  if (await isThrottled(parsed.data.email)) {
    return { error: `Too many wrong passwords for this account. Try again in ${WINDOW_MINUTES} minutes.`, values };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    // signIn() redirects by throwing on success: only Auth.js's own errors are failures here.
    if (error instanceof AuthError) return { error: "Wrong email or password.", values };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = signUpSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  const created = await createUser(parsed.data);
  if (!created.ok) return { error: created.error, values };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) return { error: "Your account was created, but signing in failed. Sign in below.", values };
    throw error;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export async function oidcSignInAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}
