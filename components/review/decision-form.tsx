"use client";
import { useState } from "react";
import type { Decision } from "@/lib/review";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/input";

/** A reviewer's decision: an optional note to approve with, a needed one to ask for changes. */
export function DecisionForm({
  id,
  noun,
  pending,
  onDecide,
  testIds = {},
}: {
  id: string;
  /** What the note is called ("Comment" on an image, "Note" on a pack). */
  noun: string;
  pending: boolean;
  /** Sends the decision; `clear` empties the note once it went through. */
  onDecide: (decision: Decision, note: string, clear: () => void) => void;
  testIds?: { form?: string; approve?: string };
}) {
  const [note, setNote] = useState("");
  const decide = (decision: Decision) => onDecide(decision, note, () => setNote(""));
  return (
    <div className="space-y-2" data-testid={testIds.form}>
      <label className="block text-xs font-medium text-muted" htmlFor={id}>
        {noun} <span className="font-normal">(needed to request changes)</span>
      </label>
      <textarea id={id} rows={2} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} maxLength={2000} />
      <div className="grid grid-cols-2 gap-2">
        <button type="button" disabled={pending} className={buttonClass("primary")} data-testid={testIds.approve} onClick={() => decide("approved")}>
          Approve
        </button>
        <button type="button" disabled={pending} className={buttonClass("danger")} onClick={() => decide("changes_requested")}>
          Request changes
        </button>
      </div>
    </div>
  );
}
