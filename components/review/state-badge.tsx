import { REVIEW_LABELS, type ReviewState } from "@/lib/review/states";

const TONES: Record<ReviewState, string> = {
  draft: "border-line text-muted",
  in_review: "border-warning/40 text-warning",
  approved: "border-success/40 text-success",
  changes_requested: "border-danger/40 text-danger",
};
const TINTS: Record<ReviewState, string> = { draft: "bg-raised", in_review: "bg-warning/10", approved: "bg-success/10", changes_requested: "bg-danger/10" };

/** Where an image stands in review, as a small pill; `onImage` gives it a solid ground to sit on a picture. */
export function ReviewBadge({ state, className = "", onImage = false }: { state: ReviewState; className?: string; onImage?: boolean }) {
  return (
    <span
      data-testid="review-state"
      data-state={state}
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-2xs font-medium ${TONES[state]} ${onImage ? "bg-canvas shadow" : TINTS[state]} ${className}`}
    >
      {REVIEW_LABELS[state]}
    </span>
  );
}
