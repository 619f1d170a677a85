"use client";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { dismissJobAction } from "@/lib/actions/queue-actions";
import type { GenerationView } from "@/lib/generations/view";
import type { RunsPage } from "@/lib/generations/runs";
import { generationKeys, useToggleFavorite } from "../hooks/use-generation";
import { fetchJson } from "../hooks/fetch-json";
import { GenerationSummary } from "../gallery/generation-summary";
import { Lightbox } from "../ui/lightbox";
import { toast } from "../ui/toaster";
import { groupRuns } from "./draft";
import { JobCard } from "./job-card";

const runsKey = ["runs"] as const;

/**
 * The studio's runs, newest first and paged (nothing falls off the end): a single image as a card, a batch
 * as a group of cards, a failure as one line. New runs — from the form, Vary or Retry — join at the top.
 */
export function RunList({ firstPage, submitted }: { firstPage: RunsPage; submitted: GenerationView[] }) {
  const queryClient = useQueryClient();
  const toggleFavorite = useToggleFavorite();
  const [made, setMade] = useState<GenerationView[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const history = useInfiniteQuery({
    queryKey: runsKey,
    queryFn: ({ pageParam }) => fetchJson<RunsPage>(`/api/runs${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: Infinity,
    gcTime: 0,
  });

  const seen = new Set<string>();
  const jobs = [...made, ...submitted, ...history.data.pages.flatMap((p) => p.generations)]
    .filter((job) => !seen.has(job.id) && seen.add(job.id) && !dismissed.includes(job.id))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const runs = groupRuns(jobs);
  const initial = new Map(jobs.map((j) => [j.id, j]));

  const onMade = (view: GenerationView) => {
    queryClient.setQueryData(generationKeys.one(view.id), view);
    setMade((m) => [view, ...m]);
    // A retry takes the place of the failed card it came from (the server has dismissed that one).
    if (view.source?.how === "retry") setDismissed((d) => [...d, view.source!.id]);
  };
  const onDismiss = async (id: string) => {
    setDismissed((d) => [...d, id]);
    const result = await dismissJobAction(id);
    if (!result.ok) {
      setDismissed((d) => d.filter((x) => x !== id));
      toast(result.error);
    }
  };
  const card = (id: string) => <JobCard key={id} id={id} initial={initial.get(id)} onOpen={setOpen} onMade={onMade} onDismiss={(x) => void onDismiss(x)} />;

  // The lightbox walks the finished images of the list as they are now (the cache has the latest of each).
  const finished = open
    ? jobs
        .map((j) => queryClient.getQueryData<GenerationView>(generationKeys.one(j.id)) ?? j)
        .filter((j) => j.status === "completed" && j.images[0])
        .map((j) => ({ ...j, src: j.images[0]!.url, width: j.images[0]!.width, height: j.images[0]!.height, alt: j.prompt }))
    : [];

  return (
    <section aria-label="Runs" className="min-w-0">
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 className="text-sm font-semibold">Runs</h2>
        <span className="hidden text-2xs text-muted sm:inline">Every finished image is kept in the gallery with its recipe.</span>
      </div>
      {runs.length === 0 ? (
        <div className="flex min-h-64 flex-col items-center justify-center rounded-card border border-dashed border-line p-10 text-center">
          <p className="text-sm font-medium">Nothing generated yet</p>
          <p className="mt-1 max-w-xs text-sm text-muted">Write a prompt, pick a shape and press Generate (or Ctrl/Cmd + Enter).</p>
        </div>
      ) : (
        <div className="grid grid-cols-1 items-start gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="job-list">
          {runs.map((run) =>
            run.ids.length === 1 ? (
              card(run.ids[0]!)
            ) : (
              <section
                key={run.id}
                aria-label={`Batch of ${run.ids.length} images`}
                data-testid="batch"
                className="col-span-full rounded-card border border-line p-3"
              >
                <h3 className="mb-2 text-2xs font-medium uppercase tracking-wide text-muted">Batch of {run.ids.length}</h3>
                <div className="grid grid-cols-2 items-start gap-3 xl:grid-cols-4">{run.ids.map(card)}</div>
              </section>
            ),
          )}
        </div>
      )}
      {history.hasNextPage ? (
        <div className="py-6 text-center">
          <button
            type="button"
            onClick={() => void history.fetchNextPage()}
            disabled={history.isFetchingNextPage}
            className="rounded-control border border-line px-4 py-2 text-sm text-muted hover:bg-raised hover:text-ink"
          >
            {history.isFetchingNextPage ? "Loading…" : "Show older runs"}
          </button>
        </div>
      ) : null}
      {history.error ? <p className="py-2 text-center text-xs text-danger">Could not load older runs: {history.error.message}</p> : null}
      {open && finished.some((f) => f.id === open) ? (
        <Lightbox
          items={finished}
          index={finished.findIndex((f) => f.id === open)}
          onIndex={(index) => setOpen(finished[index]!.id)}
          onClose={() => setOpen(null)}
          aside={(item) => (
            <GenerationSummary id={item.id} href={`/gallery/${item.id}`} favorite={item.favorite} onFavorite={() => void toggleFavorite(item)} />
          )}
        />
      ) : null}
    </section>
  );
}
