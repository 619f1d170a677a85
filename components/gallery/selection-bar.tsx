"use client";
import Link from "next/link";
import { useState } from "react";
import { createBoardAction, setOnBoardAction } from "@/lib/actions/board-actions";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { sendForReviewAction } from "@/lib/actions/review-actions";
import { useCan } from "../workspaces/role-context";

export const MAX_COMPARE = 4;

/** What to do with the selected images: compare them, put them on a board (a new one too), or take them off this one. */
export function SelectionBar({
  selected,
  boards,
  currentBoard,
  onClear,
  onChanged,
}: {
  selected: string[];
  boards: { id: string; name: string }[];
  currentBoard?: string;
  onClear: () => void;
  onChanged: () => void;
}) {
  const [board, setBoard] = useState(boards[0]?.id ?? "");
  const [newName, setNewName] = useState("");
  const [busy, setBusy] = useState(false);
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;
  const canEdit = useCan("edit");

  const addTo = async (boardId: string, name: string) => {
    const result = await setOnBoardAction(boardId, selected, true);
    toast(result.ok ? `Added ${selected.length} to ${name}.` : result.error);
    if (result.ok) onChanged();
  };

  return (
    <div
      role="region"
      aria-label="Selection"
      className="sticky bottom-4 z-20 mx-auto flex w-fit max-w-full flex-wrap items-center gap-2 rounded-card border border-line bg-surface px-3 py-2 shadow-xl"
      data-testid="selection-bar"
    >
      <span className="text-sm font-medium">{selected.length} selected</span>
      {canCompare ? (
        <Link href={`/compare?ids=${selected.join(",")}`} className={buttonClass("primary")}>
          Compare
        </Link>
      ) : (
        <span className="text-2xs text-muted">{selected.length > MAX_COMPARE ? `Compare takes up to ${MAX_COMPARE}.` : "Select 2–4 to compare."}</span>
      )}
      {canEdit ? (
        <button
          type="button"
          disabled={busy}
          className={buttonClass("secondary")}
          onClick={async () => {
            setBusy(true);
            const result = await sendForReviewAction(selected);
            setBusy(false);
            toast(result.ok ? `${result.sent} sent for review.` : result.error);
            if (result.ok) onChanged();
          }}
        >
          Send for review
        </button>
      ) : null}
      <span className={`mx-1 h-6 w-px bg-line ${canEdit ? "" : "hidden"}`} aria-hidden />
      {canEdit && boards.length ? (
        <>
          <label>
            <span className="sr-only">Board</span>
            <select value={board} onChange={(e) => setBoard(e.target.value)} className="rounded-control border border-line bg-canvas px-2 py-1.5 text-sm">
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            className={buttonClass("secondary")}
            onClick={async () => {
              setBusy(true);
              await addTo(board, boards.find((b) => b.id === board)?.name ?? "the board");
              setBusy(false);
            }}
          >
            Add to board
          </button>
        </>
      ) : null}
      <form
        className={`flex items-center gap-1 ${canEdit ? "" : "hidden"}`}
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const created = await createBoardAction(newName);
          if (created.ok) {
            await addTo(created.board.id, created.board.name);
            setNewName("");
          } else toast(created.error);
          setBusy(false);
        }}
      >
        <label>
          <span className="sr-only">New board name</span>
          <input
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder="New board…"
            maxLength={80}
            className="w-32 rounded-control border border-line bg-canvas px-2 py-1.5 text-sm"
          />
        </label>
        <button type="submit" disabled={busy || !newName.trim()} className={buttonClass("secondary")}>
          Create &amp; add
        </button>
      </form>
      {currentBoard && canEdit ? (
        <button
          type="button"
          disabled={busy}
          className={buttonClass("danger")}
          onClick={async () => {
            setBusy(true);
            const result = await setOnBoardAction(currentBoard, selected, false);
            toast(result.ok ? `Removed ${selected.length} from this board.` : result.error);
            if (result.ok) {
              onClear();
              onChanged();
            }
            setBusy(false);
          }}
        >
          Remove from board
        </button>
      ) : null}
      <button type="button" className={buttonClass("ghost")} onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
