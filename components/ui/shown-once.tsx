import { CopyButton } from "./copy-button";

/** A secret the server shows once (a token, an invite link): selectable, copyable, and said to be unrepeatable. */
export function ShownOnce({ message, label, testId, value }: { message: string; label: string; testId: string; value: string }) {
  return (
    <div role="status" className="space-y-2 rounded-control border border-success/40 bg-success/10 p-3">
      <p className="text-sm font-medium">{message}</p>
      <div className="flex gap-2">
        <input
          readOnly
          value={value}
          aria-label={label}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-control border border-line bg-canvas px-2 py-1.5 font-mono text-xs"
        />
        <CopyButton text={value} />
      </div>
    </div>
  );
}
