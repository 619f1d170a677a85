"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "../hooks/use-dismiss";
import { cancelBatchAction, cancelJobAction, dismissJobAction } from "@/lib/actions/queue-actions";
import type { QueueEntry } from "@/lib/generations/queue";
import { generationKeys } from "../hooks/use-generation";
import { queueKey, useQueue } from "../hooks/use-queue";
import { useNow } from "../hooks/use-now";
import { toast } from "../ui/toaster";
import { formatSeconds } from "@/lib/format";
import { groupRuns } from "./draft";

/** The queue's entries as runs, in order: a batch's jobs under one heading, a single job on its own. */
function groupByRun(entries: QueueEntry[]): { id: string; entries: QueueEntry[] }[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return groupRuns(entries).map((run) => ({ id: run.id, entries: run.ids.map((id) => byId.get(id)!) }));
}

/**
 * Every unfinished job of the user, from any page or tab, grouped by run: how long each has waited (or
 * generated, once sent), and why when it is held. Jobs not yet sent can be cancelled, a run's all at once;
 * the others can be dismissed from this list (they still finish).
 */
export function QueuePanel() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const queryClient = useQueryClient();
  // Quick while something is running or the panel is open; a slow heartbeat otherwise.
  const { data: entries = [] } = useQueue(open);
  const now = useNow(open && entries.length > 0);
  const panel = useRef<HTMLDivElement>(null);

  useDismiss(panel, open, close);

  const cancelRun = useMutation({
    mutationFn: (batchId: string) => cancelBatchAction(batchId),
    onSuccess: (result) => {
      if (!result.ok) toast(result.error);
      void queryClient.invalidateQueries({ queryKey: queueKey });
      void queryClient.invalidateQueries({ queryKey: generationKeys.all });
    },
  });

  const change = useMutation({
    mutationFn: ({ id, how }: { id: string; how: "cancel" | "dismiss" }) => (how === "cancel" ? cancelJobAction(id) : dismissJobAction(id)),
    onSuccess: (result, { id }) => {
      if (!result.ok) toast(result.error);
      void queryClient.invalidateQueries({ queryKey: queueKey });
      void queryClient.invalidateQueries({ queryKey: generationKeys.one(id) });
    },
  });

  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="queue-panel"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-control px-2.5 py-1.5 text-sm text-muted hover:bg-raised hover:text-ink"
      >
        Queue
        <span
          data-testid="queue-count"
          className={`min-w-5 rounded-full px-1.5 text-center text-2xs font-semibold ${entries.length ? "bg-accent text-accent-ink" : "bg-raised text-muted"}`}
        >
          {entries.length}
        </span>
      </button>
      {open ? (
        <div
          id="queue-panel"
          role="region"
          aria-label="Queue"
          className="absolute right-0 top-full z-40 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-card border border-line bg-surface p-2 shadow-xl"
        >
          {entries.length === 0 ? (
            <p className="p-4 text-center text-sm text-muted">Nothing is waiting. Finished images are in the gallery.</p>
          ) : (
            <div className="max-h-[60vh] space-y-1 overflow-y-auto" data-testid="queue-list">
              {groupByRun(entries).map((run) => {
                const unsent = run.entries.filter((e) => e.cancellable).length;
                const list = (
                  <ul className="divide-y divide-line">
                    {run.entries.map((entry) => (
                      <QueueRow
                        key={entry.id}
                        entry={entry}
                        now={now}
                        onClose={() => setOpen(false)}
                        onChange={(how) => change.mutate({ id: entry.id, how })}
                      />
                    ))}
                  </ul>
                );
                return run.entries.length > 1 ? (
                  <section key={run.id} data-testid="queue-batch" aria-label={`Run of ${run.entries.length}`} className="rounded-control border border-line">
                    <div className="flex items-center gap-2 border-b border-line bg-raised/60 px-2.5 py-1.5">
                      <span className="text-2xs font-medium uppercase tracking-wide text-muted">
                        Run of {run.entries.length}
                        {unsent ? ` · ${unsent} not sent` : ""}
                      </span>
                      {unsent ? (
                        <button
                          type="button"
                          className="ml-auto rounded-control px-2 py-0.5 text-xs text-danger hover:bg-danger/10"
                          onClick={() => cancelRun.mutate(run.id)}
                          title="Cancel every image of this run not yet sent (nothing is charged for them)"
                        >
                          Cancel all
                        </button>
                      ) : null}
                    </div>
                    {list}
                  </section>
                ) : (
                  <div key={run.id}>{list}</div>
                );
              })}
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}

function QueueRow({ entry, now, onClose, onChange }: { entry: QueueEntry; now: number; onClose: () => void; onChange: (how: "cancel" | "dismiss") => void }) {
  return (
    <li data-testid="queue-entry" data-generation-id={entry.id} className="flex items-start gap-3 p-2.5">
      <div className="min-w-0 flex-1">
        <Link href={`/gallery/${entry.id}`} className="line-clamp-1 text-sm hover:underline" onClick={onClose}>
          {entry.prompt}
        </Link>
        <p className="mt-0.5 text-2xs text-muted">
          {entry.submittedAt ? (
            <>
              <span className="font-medium text-ink">Generating</span> · {formatSeconds(now - Date.parse(entry.submittedAt))}
            </>
          ) : (
            <>
              <span className="font-medium text-ink">Waiting to be sent</span> · {formatSeconds(now - Date.parse(entry.createdAt))}
            </>
          )}{" "}
          · {entry.modelName} · seed {entry.seed}
        </p>
        {entry.holdReason ? <p className="mt-0.5 text-2xs text-warning">{entry.holdReason}</p> : null}
      </div>
      {entry.cancellable ? (
        <button type="button" className="rounded-control px-2 py-1 text-xs text-danger hover:bg-danger/10" onClick={() => onChange("cancel")}>
          Cancel
        </button>
      ) : (
        <button
          type="button"
          className="rounded-control px-2 py-1 text-xs text-muted hover:bg-raised hover:text-ink"
          title="Hide it here; it still finishes and lands in the gallery"
          onClick={() => onChange("dismiss")}
        >
          Dismiss
        </button>
      )}
    </li>
  );
}
