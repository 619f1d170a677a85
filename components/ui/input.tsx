import type { InputHTMLAttributes } from "react";

export const inputClass =
  "mt-1 block w-full rounded-control border border-line bg-surface px-3 py-2 text-sm text-ink placeholder:text-muted/70 focus:border-accent focus:outline-none aria-[invalid=true]:border-danger";

/** A labelled text input with its hint and error tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; error?: string; hint?: React.ReactNode }) {
  const describedBy = [hint ? `${props.name}-hint` : "", error ? `${props.name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <label className="block text-sm font-medium">
      {label}
      <input aria-invalid={Boolean(error)} aria-describedby={describedBy} className={inputClass} {...props} />
      {hint ? (
        <span id={`${props.name}-hint`} className="mt-1 block text-xs font-normal text-muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${props.name}-error`} className="mt-1 block text-xs font-normal text-danger">
          {error}
        </span>
      ) : null}
    </label>
  );
}
