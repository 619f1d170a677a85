"use client";
import { useState } from "react";
import { buttonClass } from "./button";

/** Copies text and says so; where the clipboard is unavailable the text stays selectable beside it. */
export function CopyButton({ text, label = "Copy", className = "" }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary", className)}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}

/** A link or token to hand on: read-only, selected on focus, with Copy beside it. */
export function CopyField({ value, label, testId, small = false }: { value: string; label: string; testId: string; small?: boolean }) {
  return (
    <div className="flex gap-2">
      <input
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(e) => e.target.select()}
        className="min-w-0 flex-1 rounded-control border border-line bg-canvas px-2 py-1.5 font-mono text-xs"
      />
      <CopyButton text={value} className={small ? "px-2.5 py-1 text-xs" : ""} />
    </div>
  );
}
