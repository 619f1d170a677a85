"use client";
import Link from "next/link";
import { useActionState } from "react";
import { signInAction, signUpAction, type AuthFormState } from "@/lib/actions/auth-actions";
import { buttonClass } from "../ui/button";

const inputClass =
  "mt-1 block w-full rounded-control border border-line bg-surface px-3 py-2 text-sm text-ink placeholder:text-muted/70 focus:border-accent focus:outline-none";

function Field({ name, label, type, autoComplete, state }: { name: "name" | "email" | "password"; label: string; type: string; autoComplete: string; state: AuthFormState }) {
  const error = state.fieldErrors?.[name];
  return (
    <label className="block text-sm font-medium">
      {label}
      <input
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        defaultValue={name === "password" ? undefined : state.values?.[name]}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${name}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <span id={`${name}-error`} className="mt-1 block text-xs font-normal text-danger">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function AuthForm({ mode, callbackUrl }: { mode: "sign-in" | "sign-up"; callbackUrl?: string }) {
  const [state, action, pending] = useActionState(mode === "sign-in" ? signInAction : signUpAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {mode === "sign-up" ? <Field name="name" label="Name" type="text" autoComplete="name" state={state} /> : null}
      <Field name="email" label="Email" type="email" autoComplete="email" state={state} />
      <Field name="password" label="Password" type="password" autoComplete={mode === "sign-in" ? "current-password" : "new-password"} state={state} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state.error ? (
        <p data-testid="form-error" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
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
