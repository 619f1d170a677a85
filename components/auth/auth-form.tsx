"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { signInAction, signUpAction, type AuthFormState } from "@/lib/actions/auth-actions";
import { buttonClass } from "../ui/button";
import { Field } from "../ui/input";

const MIN_PASSWORD = 8;

/** The rule is shown before anyone types, and answers as they type. */
function PasswordRule({ password }: { password: string }) {
  const met = password.length >= MIN_PASSWORD;
  return (
    <span data-testid="password-rule" data-met={met} className={met ? "text-success" : undefined}>
      {met ? "✓ " : ""}At least {MIN_PASSWORD} characters{password && !met ? ` (${MIN_PASSWORD - password.length} more)` : ""}.
    </span>
  );
}

export function AuthForm({ mode, callbackUrl, invite }: { mode: "sign-in" | "sign-up"; callbackUrl?: string; invite?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(mode === "sign-in" ? signInAction : signUpAction, {});
  const [password, setPassword] = useState("");
  const errors = state.fieldErrors ?? {};
  return (
    // The key remounts the fields with what the action echoed back: a refused submit clears nothing.
    <form key={JSON.stringify(state.values ?? {})} action={action} className="space-y-4" noValidate>
      {mode === "sign-up" ? (
        <Field name="name" label="Name" type="text" autoComplete="name" required defaultValue={state.values?.name} error={errors.name} />
      ) : null}
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        required
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
        defaultValue={mode === "sign-up" ? state.values?.password : undefined}
        onChange={(event) => setPassword(event.currentTarget.value)}
        hint={mode === "sign-up" ? <PasswordRule password={password || (state.values?.password ?? "")} /> : undefined}
        error={errors.password}
      />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      {state.error ? (
        <p data-testid="form-error" role="alert" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-2.5")}>
        {pending ? "One moment…" : mode === "sign-in" ? "Sign in" : "Create account"}
      </button>
      <p className="text-center text-sm text-muted">
        {mode === "sign-in" ? (
          <>
            New here?{" "}
            <Link href="/sign-up" className="font-medium text-ink underline-offset-4 hover:underline">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{" "}
            <Link href="/sign-in" className="font-medium text-ink underline-offset-4 hover:underline">
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
