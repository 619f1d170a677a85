import { CopyField } from "./copy-button";

/** A secret the server shows once (a token, an invite link): selectable, copyable, and said to be unrepeatable. */
export function ShownOnce({ message, label, testId, value }: { message: string; label: string; testId: string; value: string }) {
  return (
    <div role="status" className="space-y-2 rounded-control border border-success/40 bg-success/10 p-3">
      <p className="text-sm font-medium">{message}</p>
      <CopyField value={value} label={label} testId={testId} />
    </div>
  );
}
