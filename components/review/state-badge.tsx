import { REVIEW_LABELS, type ReviewState } from "@/lib/review/states";

const TONES: Record<ReviewState, string> = {
  draft: "border-line bg-raised text-muted",
  in_review: "border-warning/40 bg-warning/10 text-warning",
  approved: "border-success/40 bg-success/10 text-success",
  changes_requested: "border-danger/40 bg-danger/10 text-danger",
};

/** Where an image stands in review, as a small pill. */
export function ReviewBadge({ state, className = "" }: { state: ReviewState; className?: string }) {
  return (
    <span
      data-testid="review-state"
      data-state={state}
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-2xs font-medium ${TONES[state]} ${className}`}
    >
      {REVIEW_LABELS[state]}
    </span>
  );
}
