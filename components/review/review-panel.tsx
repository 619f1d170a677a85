"use client";
import { formatDateTime } from "@/lib/format";
/**
 * The review side of one image: its state and versions, what the current role may do next (send for review;
 * approve or request changes), the approval record, and the comments. Every button's rule is checked again
 * on the server; the page re-reads after each change.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addCommentAction, decideAction, editCommentAction, sendForReviewAction } from "@/lib/actions/review-actions";
import type { CommentView } from "@/lib/review/comments";
import type { ReviewEvent, Version } from "@/lib/review";
import type { ReviewState } from "@/lib/review/states";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/input";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";
import { ReviewBadge } from "./state-badge";
import { DecisionForm } from "./decision-form";

export function ReviewPanel({
  generationId,
  state,
  versions,
  history,
  comments,
}: {
  generationId: string;
  state: ReviewState;
  versions: Version[];
  history: ReviewEvent[];
  comments: CommentView[];
}) {
  const router = useRouter();
  const canEdit = useCan("edit");
  const canReview = useCan("review");
  const canComment = useCan("comment");
  const [pending, startTransition] = useTransition();
  const run = (change: () => Promise<{ ok: boolean; error?: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await change();
      if (!result.ok) return void toast(result.error ?? "That did not work.");
      after?.();
      router.refresh();
    });
  const current = versions.find((v) => v.id === generationId);
  const approval = [...history].reverse().find((e) => e.kind === "approved");
  const lastRequest = [...history].reverse().find((e) => e.kind === "changes_requested");

  return (
    <section className="space-y-3 rounded-card border border-line p-3" data-testid="review-panel" aria-label="Review">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Review</h2>
        <ReviewBadge state={state} />
      </div>
      {versions.length > 1 ? (
        <nav aria-label="Versions" className="flex flex-wrap items-center gap-1.5 text-xs text-muted" data-testid="versions">
          <span>
            Version {current?.number ?? "?"} of {versions.length}:
          </span>
          {versions.map((v) =>
            v.id === generationId ? (
              <span key={v.id} className="rounded-full bg-raised px-2 py-0.5 font-medium text-ink" aria-current="page">
                v{v.number}
              </span>
            ) : (
              <Link
                key={v.id}
                href={`/gallery/${v.id}`}
                className="rounded-full border border-line px-2 py-0.5 hover:text-ink"
                title={v.state.replace("_", " ")}
              >
                v{v.number}
              </Link>
            ),
          )}
        </nav>
      ) : null}
      {state === "approved" && approval ? (
        <p className="text-xs text-muted" data-testid="approval">
          Approved by <span className="font-medium text-ink">{approval.by}</span> on {formatDateTime(approval.at)}. File SHA-256{" "}
          <code className="break-all font-mono text-2xs" title={approval.sha256 ?? ""}>
            {approval.sha256?.slice(0, 16)}…
          </code>
        </p>
      ) : null}
      {state === "changes_requested" && lastRequest ? (
        <p className="text-xs text-muted">
          {lastRequest.by} asked for changes on {formatDateTime(lastRequest.at)}.
          {canEdit ? " Vary it or edit its recipe, then send the new version for review." : ""}
        </p>
      ) : null}
      {canEdit && (state === "draft" || state === "changes_requested") ? (
        <button type="button" disabled={pending} className={buttonClass("primary", "w-full")} onClick={() => run(() => sendForReviewAction([generationId]))}>
          Send for review
        </button>
      ) : null}
      {canReview && state === "in_review" ? (
        <DecisionForm
          id="review-note"
          noun="Comment"
          pending={pending}
          testIds={{ form: "decision" }}
          onDecide={(decision, note, clear) => run(() => decideAction(generationId, decision, decision === "approved" ? note || undefined : note), clear)}
        />
      ) : null}
      <Comments generationId={generationId} comments={comments} canComment={canComment} />
    </section>
  );
}

function Comments({ generationId, comments, canComment }: { generationId: string; comments: CommentView[]; canComment: boolean }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2 border-t border-line pt-3">
      <h3 className="text-xs font-medium text-muted">Comments{comments.length ? ` · ${comments.length}` : ""}</h3>
      {comments.length === 0 ? <p className="text-2xs text-muted">No comments yet.</p> : null}
      <ul className="space-y-2" data-testid="comments">
        {comments.map((c) => (
          <CommentItem key={c.id} comment={c} />
        ))}
      </ul>
      {canComment ? (
        <form
          className="space-y-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await addCommentAction(generationId, body);
              if (!result.ok) return void toast(result.error);
              setBody("");
              router.refresh();
            });
          }}
        >
          <label htmlFor="new-comment" className="sr-only">
            Add a comment
          </label>
          <textarea
            id="new-comment"
            rows={2}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder="Add a comment"
            maxLength={2000}
            className={inputClass}
          />
          <button type="submit" disabled={pending || !body.trim()} className={buttonClass("secondary", "px-3 py-1.5 text-xs")}>
            Comment
          </button>
        </form>
      ) : null}
    </div>
  );
}

function CommentItem({ comment }: { comment: CommentView }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(comment.body);
  const [pending, startTransition] = useTransition();
  return (
    <li className="rounded-control bg-raised px-2.5 py-2 text-sm" data-testid="comment">
      <p className="text-2xs text-muted">
        <span className="font-medium text-ink">{comment.authorName || "You"}</span> · {formatDateTime(comment.createdAt)}
        {comment.editedAt ? " · edited" : ""}
      </p>
      {editing ? (
        <form
          className="mt-1 space-y-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await editCommentAction(comment.id, body);
              if (!result.ok) return void toast(result.error);
              setEditing(false);
              router.refresh();
            });
          }}
        >
          <textarea aria-label="Edit comment" rows={2} value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} className={inputClass} />
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={buttonClass("secondary", "px-2.5 py-1 text-xs")}>
              Save
            </button>
            <button type="button" className={buttonClass("ghost", "px-2.5 py-1 text-xs")} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {/* Plain text: React escapes it; line breaks are kept. */}
          <p className="mt-0.5 whitespace-pre-wrap break-words">{comment.body}</p>
          {comment.editableUntil ? (
            <button type="button" className="mt-1 text-2xs text-muted underline underline-offset-2 hover:text-ink" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
        </>
      )}
    </li>
  );
}
