"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createBoardAction, deleteBoardAction, renameBoardAction } from "@/lib/actions/board-actions";
import type { BoardSummary } from "@/lib/library/boards";
import { buttonClass } from "../ui/button";
import { NameForm } from "../ui/name-form";
import { ShareControl } from "./share-control";
import { sendBoardForReviewAction } from "@/lib/actions/review-actions";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";
import type { Budget } from "@/lib/workspaces/budget";
import { BudgetForm } from "../workspaces/budget-form";

type Board = BoardSummary & { sharePath: string | null; shareApprovedOnly: boolean; budget: Budget };

export function BoardList({ boards }: { boards: Board[] }) {
  const router = useRouter();
  const canEdit = useCan("edit");
  return (
    <div className="space-y-5">
      {canEdit ? (
        <NameForm
          formLabel="Create a board"
          fieldLabel="Board name"
          placeholder="New board name"
          maxLength={80}
          submitLabel="Create board"
          className="max-w-md"
          onCreate={async (name) => {
            const result = await createBoardAction(name);
            if (!result.ok) return result.error;
            router.refresh();
            return null;
          }}
        />
      ) : null}
      {boards.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-10 text-center text-sm text-muted">
          No boards yet. Create one here, or select images in the gallery and choose “Create &amp; add”.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {boards.map((board) => (
            <BoardCard key={board.id} board={board} />
          ))}
        </ul>
      )}
    </div>
  );
}

function BoardCard({ board }: { board: Board }) {
  const router = useRouter();
  const canEdit = useCan("edit");
  const canManage = useCan("manage");
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(board.name);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const act = (action: () => Promise<{ ok: true } | { ok: false; error: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error);
      setError(null);
      after?.();
      router.refresh();
    });

  return (
    <li className="overflow-hidden rounded-card border border-line bg-surface shadow-sm" data-testid="board" data-board-id={board.id}>
      {/* The newest images side by side at their true shape, the row clipped where the card ends. */}
      <Link href={`/gallery?board=${board.id}`} className="flex h-40 gap-1 overflow-hidden bg-raised" aria-label={`Open ${board.name}`}>
        {board.covers.map((cover) => (
          // eslint-disable-next-line @next/next/no-img-element -- a thumbnail from our own route
          <img
            key={cover.thumbUrl}
            src={cover.thumbUrl}
            alt=""
            width={cover.width}
            height={cover.height}
            data-testid="board-cover"
            className="h-full w-auto max-w-none shrink-0"
            style={{ aspectRatio: `${cover.width} / ${cover.height}` }}
          />
        ))}
      </Link>
      <div className="space-y-3 p-3">
        {editing ? (
          <form
            className="flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              act(
                () => renameBoardAction(board.id, name),
                () => setEditing(false),
              );
            }}
          >
            <label className="flex-1">
              <span className="sr-only">Board name</span>
              <input
                autoFocus
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={80}
                className="w-full rounded-control border border-line bg-canvas px-2 py-1.5 text-sm"
              />
            </label>
            <button type="submit" disabled={pending} className={buttonClass("primary", "px-2.5 py-1 text-xs")}>
              Save
            </button>
          </form>
        ) : (
          <div className="flex items-baseline justify-between gap-2">
            <Link href={`/gallery?board=${board.id}`} className="truncate font-medium hover:underline" data-testid="board-name">
              {board.name}
            </Link>
            <span className="shrink-0 text-2xs text-muted" data-testid="board-count">
              {board.count} {board.count === 1 ? "image" : "images"}
              {board.approved ? ` · ${board.approved} approved` : ""}
            </span>
          </div>
        )}
        <div className="flex flex-wrap gap-1.5">
          <a href={`/api/boards/${board.id}/export`} download className={buttonClass("secondary", "px-2.5 py-1 text-xs")} data-testid="export">
            Export zip
          </a>
          {board.approved ? (
            <a
              href={`/api/boards/${board.id}/export?approved=1`}
              download
              className={buttonClass("secondary", "px-2.5 py-1 text-xs")}
              data-testid="export-approved"
              title="Only the approved images, with their approvers in the manifest"
            >
              Export approved · {board.approved}
            </a>
          ) : null}
          {canEdit ? (
            <>
              <button
                type="button"
                disabled={pending || board.count === 0}
                className={buttonClass("secondary", "px-2.5 py-1 text-xs")}
                onClick={() =>
                  startTransition(async () => {
                    const result = await sendBoardForReviewAction(board.id);
                    if (!result.ok) return setError(result.error);
                    setError(null);
                    toast(`${result.sent} ${result.sent === 1 ? "image" : "images"} sent for review.`);
                    router.refresh();
                  })
                }
              >
                Send for review
              </button>
              <button type="button" className={buttonClass("ghost", "px-2.5 py-1 text-xs")} onClick={() => setEditing((e) => !e)}>
                {editing ? "Cancel" : "Rename"}
              </button>
              <button
                type="button"
                disabled={pending}
                className={buttonClass("danger", "px-2.5 py-1 text-xs")}
                onClick={() => {
                  if (window.confirm(`Delete the board “${board.name}”? Its images stay in your gallery.`)) act(() => deleteBoardAction(board.id));
                }}
              >
                Delete
              </button>
            </>
          ) : null}
        </div>
        {canManage || board.budget.monthlyUsd !== null ? <BudgetForm workspaceId={board.id} budget={board.budget} canManage={canManage} scope="board" /> : null}
        {canEdit ? <ShareControl target={{ kind: "board", id: board.id }} initialPath={board.sharePath} initialApprovedOnly={board.shareApprovedOnly} /> : null}
        {error ? (
          <p role="alert" className="text-xs text-danger">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
