"use client";
import { useState, useTransition } from "react";
import { buttonClass } from "./button";

/**
 * A one-field "name it and create it" form (a board, a token). `onCreate` answers an error message to
 * show, or null; the name stays in the field until it succeeds.
 */
export function NameForm({
  formLabel,
  fieldLabel,
  placeholder,
  maxLength,
  submitLabel,
  onCreate,
  className = "",
}: {
  formLabel: string;
  fieldLabel: string;
  placeholder: string;
  maxLength: number;
  submitLabel: string;
  onCreate: (name: string) => Promise<string | null>;
  className?: string;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <form
        aria-label={formLabel}
        className={`flex gap-2 ${className}`}
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const failure = await onCreate(name);
            setError(failure);
            if (!failure) setName("");
          });
        }}
      >
        <label className="flex-1">
          <span className="sr-only">{fieldLabel}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={placeholder}
            maxLength={maxLength}
            className="w-full rounded-control border border-line bg-canvas px-3 py-2 text-sm focus:border-accent focus:outline-none"
          />
        </label>
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          {submitLabel}
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
