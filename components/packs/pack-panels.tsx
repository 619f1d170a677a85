"use client";
/**
 * The side of a pack's page: Finalise (drafts re-run with Nano Banana 2, cost side by side), review as one (send;
 * approve — every file's SHA-256 recorded — or ask for changes with a note), and the boards it is on. Each reads
 * the pack the page follows (React Query, ["pack", id]) and refreshes it after a change.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { decidePackAction, finalisePackAction, packOnBoardAction, sendPackForReviewAction } from "@/lib/actions/pack-actions";
import { formatUsd, formatDateTime } from "@/lib/format";
import type { PackView } from "@/lib/packs";
import type { PackReviewEvent } from "@/lib/packs/review";
import { FINAL_MODEL, PACK_DRAFTS } from "@/lib/placements";
import { MODELS, estimatedPriceUsd } from "@/lib/segmind/catalog";
import { ReviewBadge } from "../review/state-badge";
import { DecisionForm } from "../review/decision-form";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";
import { usePack } from "./use-pack";

function useChange(packId: string) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const run = (change: () => Promise<{ ok: true } | { ok: false; error: string }>, after?: () => void) =>
    startTransition(async () => {
      const result = await change();
      if (!result.ok) return void toast(result.error);
      after?.();
      await queryClient.invalidateQueries({ queryKey: ["pack", packId] });
      router.refresh();
    });
  return { pending, run };
}

/** Drafts still feeding files: tick the ones worth finishing and see what the finals cost. */
export function FinalisePanel({ initial }: { initial: PackView }) {
  const pack = usePack(initial);
  const canGenerate = useCan("generate");
  const drafts = pack.generations.filter((g) => g.draft);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const { pending, run } = useChange(pack.id);
  if (!pack.draft || drafts.length === 0) return null;
  const picked = chosen ?? drafts.map((d) => d.id);
  const finalCost = drafts.filter((d) => picked.includes(d.id)).reduce((sum, d) => sum + estimatedPriceUsd(FINAL_MODEL, d.finalResolution ?? "1K"), 0);
  const draftCost = drafts.reduce((sum, d) => sum + d.costUsd, 0);
  return (
    <section className="space-y-2 rounded-card border border-line p-3" data-testid="finalise" aria-label="Finalise">
      <h2 className="text-sm font-semibold">Draft · {PACK_DRAFTS[pack.draft].label}</h2>
      <p className="text-xs text-muted">
        Drafts cost {formatUsd(draftCost)}. Finalise re-runs the chosen ones with {MODELS[FINAL_MODEL].name} at the tier their placements need, same prompt and
        seed, the draft attached so the composition carries over; your crops carry over too.
      </p>
      <ul className="space-y-1 text-xs">
        {drafts.map((d) => (
          <li key={d.id}>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={picked.includes(d.id)}
                disabled={!canGenerate || d.status !== "completed"}
                onChange={(e) => setChosen(e.target.checked ? [...picked, d.id] : picked.filter((id) => id !== d.id))}
                className="accent-[rgb(var(--accent))]"
              />
              {d.aspectRatio} · draft {d.resolution} → final {d.finalResolution}
              <span className="ml-auto text-muted">{formatUsd(estimatedPriceUsd(FINAL_MODEL, d.finalResolution ?? "1K"))}</span>
            </label>
          </li>
        ))}
      </ul>
      {canGenerate ? (
        <button
          type="button"
          disabled={pending || picked.length === 0 || drafts.some((d) => picked.includes(d.id) && d.status !== "completed")}
          className={buttonClass("primary", "w-full")}
          data-testid="finalise-button"
          onClick={() => run(() => finalisePackAction(pack.id, picked, crypto.randomUUID()))}
        >
          Finalise {picked.length} · {formatUsd(finalCost)}
        </button>
      ) : null}
    </section>
  );
}

/** Review as one: the state, what this role may do next, and the history with each approval's file count. */
export function PackReviewPanel({ initial, history }: { initial: PackView; history: PackReviewEvent[] }) {
  const pack = usePack(initial);
  const canEdit = useCan("edit");
  const canReview = useCan("review");
  const { pending, run } = useChange(pack.id);
  const state = pack.reviewState;
  const approval = history.find((e) => e.kind === "approved");
  const waiting = pack.assets.some((a) => a.status === "waiting");
  return (
    <section className="space-y-3 rounded-card border border-line p-3" data-testid="pack-review" aria-label="Review">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Review</h2>
        <ReviewBadge state={state} />
      </div>
      {state === "approved" && approval?.assets ? (
        <p className="text-xs text-muted" data-testid="pack-approval">
          Approved by <span className="font-medium text-ink">{approval.by}</span> on {formatDateTime(approval.at)}: the exact bytes of{" "}
          {Object.keys(approval.assets).length} files (SHA-256 each, in the export&apos;s manifest). Changing a file sends the pack back to draft.
        </p>
      ) : null}
      {canEdit && (state === "draft" || state === "changes_requested") ? (
        <button
          type="button"
          disabled={pending || waiting}
          className={buttonClass("primary", "w-full")}
          data-testid="pack-send-review"
          onClick={() => run(() => sendPackForReviewAction(pack.id))}
        >
          {waiting ? "Send for review (when its files are ready)" : "Send for review"}
        </button>
      ) : null}
      {canReview && state === "in_review" ? (
        <DecisionForm
          id="pack-note"
          noun="Note"
          pending={pending}
          testIds={{ approve: "pack-approve" }}
          onDecide={(decision, note, clear) => run(() => decidePackAction(pack.id, decision, decision === "approved" ? note || undefined : note), clear)}
        />
      ) : null}
      {history.length ? (
        <ol className="space-y-1 border-t border-line pt-2 text-2xs text-muted" data-testid="pack-history">
          {history.map((e) => (
            <li key={`${e.kind}-${e.at}`}>
              <span className="font-medium text-ink">{e.by}</span> {HISTORY_WORDS[e.kind]} · {formatDateTime(e.at)}
              {e.note ? <span className="block whitespace-pre-wrap text-ink">“{e.note}”</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

const HISTORY_WORDS: Record<PackReviewEvent["kind"], string> = {
  submitted: "sent it for review",
  approved: "approved it",
  changes_requested: "asked for changes",
  reopened: "changed a file after approval (back to draft)",
};

/** The boards (campaigns) the pack is on: it shows there as one entry, and its files go in the board's zip. */
export function PackBoards({ packId, boards, on }: { packId: string; boards: { id: string; name: string }[]; on: string[] }) {
  const canEdit = useCan("edit");
  const [current, setCurrent] = useState(on);
  const { pending, run } = useChange(packId);
  if (boards.length === 0) return null;
  return (
    <fieldset className="space-y-1 rounded-card border border-line p-3 text-sm" data-testid="pack-boards">
      <legend className="px-1 text-sm font-semibold">Boards</legend>
      {boards.map((b) => (
        <label key={b.id} className="flex items-center gap-2 text-xs">
          <input
            type="checkbox"
            checked={current.includes(b.id)}
            disabled={!canEdit || pending}
            onChange={(e) => {
              const next = e.target.checked;
              run(
                () => packOnBoardAction(b.id, packId, next),
                () => setCurrent((c) => (next ? [...c, b.id] : c.filter((id) => id !== b.id))),
              );
            }}
            className="accent-[rgb(var(--accent))]"
          />
          {b.name}
        </label>
      ))}
    </fieldset>
  );
}
