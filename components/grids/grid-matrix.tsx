"use client";
/**
 * A grid as a matrix: one cell per row of its table — the image, the row's values, its status and checks —
 * long-polled through our own route (answering as soon as any cell changes) until every cell is settled, with
 * the progress and a retry of the failed cells, only those.
 */
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import type { GridView } from "@/lib/grids";
import { cancelGridAction, retryGridAction } from "@/lib/actions/grid-actions";
import { ChecksBadge } from "../checks/checks-panel";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";

export function GridMatrix({ initial }: { initial: GridView }) {
  const queryClient = useQueryClient();
  const key = ["grid", initial.id];
  const { data: grid } = useQuery({
    queryKey: key,
    initialData: initial,
    queryFn: async ({ queryKey, signal }) => {
      const known = queryClient.getQueryData<GridView>(queryKey)?.fingerprint ?? "";
      const response = await fetch(`/api/v1/grids/${initial.id}?wait=20000&known=${encodeURIComponent(known)}`, { signal });
      if (!response.ok) throw new Error(`The grid could not be read (${response.status}).`);
      return (await response.json()) as GridView;
    },
    refetchInterval: (query) => (query.state.data?.done ? false : 1),
  });
  const canGenerate = useCan("generate");
  const [pending, start] = useTransition();
  const [retryKey, setRetryKey] = useState(() => crypto.randomUUID());
  const settled = grid.progress.done + grid.progress.failed;
  const [confirming, setConfirming] = useState(false);
  // A failure Segmind may have charged for (its answer to the POST was lost) is sent again only when asked twice.
  const mayPayTwice = grid.cells.reduce((n, c) => n + c.generations.filter((g) => g.status === "failed" && g.error?.mayHaveBeenCharged).length, 0);
  const failedImages = grid.cells.reduce((n, c) => n + c.generations.filter((g) => g.status === "failed").length, 0);
  const waiting = grid.cells.reduce((n, c) => n + c.generations.filter((g) => g.status === "queued").length, 0);

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <p className="text-sm" data-testid="grid-progress" role="status">
          <span className="font-semibold">
            {settled} of {grid.jobs}
          </span>{" "}
          done{grid.progress.failed ? `, ${grid.progress.failed} failed` : ""}
        </p>
        <div className="h-2 min-w-32 flex-1 overflow-hidden rounded-full bg-raised" aria-hidden>
          <div className="h-full bg-accent transition-all" style={{ width: `${(settled / Math.max(1, grid.jobs)) * 100}%` }} />
        </div>
        {waiting && canGenerate ? (
          <button
            type="button"
            disabled={pending}
            className={buttonClass("ghost")}
            data-testid="grid-cancel"
            onClick={() =>
              start(async () => {
                const result = await cancelGridAction(grid.id);
                toast(
                  result.ok
                    ? `Cancelled ${result.cancelled} cell${result.cancelled === 1 ? "" : "s"} not yet sent. Nothing was charged for them.`
                    : result.error,
                );
                void queryClient.invalidateQueries({ queryKey: key });
              })
            }
          >
            Cancel {waiting} not sent
          </button>
        ) : null}
        {grid.failed && canGenerate ? (
          <>
            {confirming ? (
              <span className="text-xs text-warning" data-testid="grid-retry-warning" role="status">
                {mayPayTwice} of them may already have been charged by Segmind: retrying sends {mayPayTwice === 1 ? "it" : "them"} again.
              </span>
            ) : null}
            <button
              type="button"
              disabled={pending}
              className={buttonClass("secondary")}
              data-testid="grid-retry"
              onClick={() => {
                if (mayPayTwice && !confirming) return setConfirming(true);
                setConfirming(false);
                start(async () => {
                  const result = await retryGridAction(grid.id, retryKey);
                  if (!result.ok) return void toast(result.error);
                  setRetryKey(crypto.randomUUID());
                  queryClient.setQueryData(key, result.grid);
                  toast(`Retrying ${result.retried} failed image${result.retried === 1 ? "" : "s"}.`);
                });
              }}
            >
              {confirming ? "Retry anyway" : `Retry ${failedImages} failed image${failedImages === 1 ? "" : "s"}`}
            </button>
          </>
        ) : null}
      </div>
      {grid.progress.done ? (
        <p className="mb-3 text-xs text-muted">
          Download the {grid.progress.done} finished {grid.placementIds ? "file" : "image"}
          {grid.progress.done === 1 ? "" : "s"} with manifest.csv:{" "}
          <a href={`/api/v1/grids/${grid.id}/export?by=row`} className="text-ink underline underline-offset-2 hover:text-accent" data-testid="grid-export-row">
            a folder per row
          </a>{" "}
          or{" "}
          <a href={`/api/v1/grids/${grid.id}/export?by=placement`} className="text-ink underline underline-offset-2 hover:text-accent">
            per placement
          </a>
          .
        </p>
      ) : null}
      {grid.placementIds ? (
        <PlacementMatrix grid={grid} />
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5" data-testid="grid-matrix">
          {grid.cells.map((cell) => {
            const g = cell.generation;
            const image = g?.images[0];
            return (
              <li
                key={cell.row}
                className="overflow-hidden rounded-card border border-line bg-surface"
                data-testid="grid-cell"
                data-row={cell.row}
                data-status={g?.status ?? "missing"}
              >
                <Link href={g ? `/gallery/${g.id}` : "#"} className="block aspect-square bg-raised">
                  {image ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a private image served by our own route
                    <img src={image.thumbUrl} alt={g.prompt} className="h-full w-full object-cover" />
                  ) : (
                    <span
                      className={`flex h-full items-center justify-center px-2 text-center text-xs ${g?.status === "failed" ? "text-danger" : "text-muted"}`}
                    >
                      {g?.status === "failed" ? (g.error?.message ?? "Failed") : g?.status === "processing" ? "Making…" : "Queued"}
                    </span>
                  )}
                </Link>
                <div className="space-y-1 p-2 text-2xs">
                  <div className="flex items-center justify-between gap-1">
                    <span className="font-medium text-muted">Row {cell.row}</span>
                    {g?.checks ? <ChecksBadge status={g.checks.status} /> : null}
                  </div>
                  <dl className="space-y-0.5">
                    {Object.entries(cell.values).map(([name, value]) => (
                      <div key={name} className="flex gap-1">
                        <dt className="shrink-0 text-muted">{name}</dt>
                        <dd className="truncate font-medium" title={value}>
                          {value}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** A grid with placements: a row per variant, a column per placement, each cell its file at its true shape. */
function PlacementMatrix({ grid }: { grid: GridView }) {
  const first = grid.cells[0];
  return (
    <div className="overflow-x-auto rounded-card border border-line">
      <table className="w-full border-collapse text-2xs" data-testid="grid-matrix">
        <thead>
          <tr className="bg-raised text-left">
            <th className="sticky left-0 bg-raised p-2 font-medium">Row</th>
            {first?.assets.map((a) => (
              <th key={a.placementId} className="p-2 font-medium">
                {a.name}
                <span className="block font-normal text-muted">
                  {a.width} × {a.height}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.cells.map((cell) => (
            <tr key={cell.row} className="border-t border-line align-top" data-testid="grid-cell" data-row={cell.row} data-status={cell.status}>
              <td className="sticky left-0 min-w-36 bg-surface p-2">
                <p className="font-medium text-muted">Row {cell.row}</p>
                {Object.entries(cell.values).map(([name, value]) => (
                  <p key={name} className="truncate" title={value}>
                    <span className="text-muted">{name}</span> {value}
                  </p>
                ))}
                {cell.generation?.checks ? <ChecksBadge status={cell.generation.checks.status} className="mt-1" /> : null}
              </td>
              {cell.assets.map((a) => (
                <td key={a.placementId} className="p-2" data-testid="grid-asset" data-placement={a.placementId} data-status={a.status}>
                  <div className="flex h-28 w-28 items-center justify-center bg-raised">
                    {a.url ? (
                      // eslint-disable-next-line @next/next/no-img-element -- a private file served by our own route
                      <img
                        src={a.url}
                        alt={`${a.name}, row ${cell.row}`}
                        className="max-h-full max-w-full object-contain"
                        style={{ aspectRatio: `${a.width} / ${a.height}` }}
                      />
                    ) : (
                      <span className={a.status === "failed" ? "text-danger" : "text-muted"}>{a.status === "failed" ? "Failed" : "Making…"}</span>
                    )}
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
