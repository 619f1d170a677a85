"use client";
import { useActionState } from "react";
import { changePasswordAction, type AuthFormState } from "@/lib/actions/auth-actions";
import { buttonClass } from "../ui/button";
import { Field } from "../ui/input";

export function ChangePassword({ changed }: { changed: boolean }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(changePasswordAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} aria-label="Change password" className="grid max-w-md gap-3" noValidate>
      <Field name="current" label="Current password" type="password" autoComplete="current-password" required error={errors.current} />
      <Field name="next" label="New password" type="password" autoComplete="new-password" required hint="At least 8 characters." error={errors.next} />
      {state.error ? <p className="text-sm text-danger">{state.error}</p> : null}
      {changed ? (
        <p role="status" data-testid="password-changed" className="text-sm text-success">
          Password changed. Every other session has been signed out.
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          Change password
        </button>
      </div>
    </form>
  );
}
