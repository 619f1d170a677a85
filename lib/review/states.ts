/** Where an image stands in review. Plain module: the browser shows them too. */
export const REVIEW_STATES = ["draft", "in_review", "approved", "changes_requested"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_LABELS: Record<ReviewState, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  changes_requested: "Changes requested",
};
