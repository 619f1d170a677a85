"use client";
import { formatUsd } from "@/lib/format";
import { useCredits } from "../hooks/use-credits";

/** The money left to spend, always in view: runs that would cost more are refused before they are sent. */
export function CreditsBadge({ className = "" }: { className?: string }) {
  const { data } = useCredits();
  if (data?.remainingUsd == null) return null;
  const low = data.remainingUsd < 1;
  return (
    <span
      data-testid="credits"
      title="Remaining Segmind credits (US dollars). A run that costs more is stopped before it is sent."
      className={`whitespace-nowrap rounded-full border px-2 py-0.5 text-2xs font-medium tabular-nums ${className} ${low ? "border-danger/40 bg-danger/10 text-danger" : "border-line text-muted"}`}
    >
      {formatUsd(data.remainingUsd)}
      <span> left</span>
    </span>
  );
}
