"use client";
import type { GenerationView } from "@/lib/generations/view";
import type { Run } from "./draft";
import { JobCard } from "./job-card";

/** The studio's runs, newest first: a single image as a card, a batch as a group of cards. */
export function RunList({ runs, recentJobs }: { runs: Run[]; recentJobs: GenerationView[] }) {
  return (
    <section aria-label="Runs" className="min-w-0">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">Runs</h2>
        <span className="text-2xs text-muted">Every finished image is kept in the gallery with its recipe.</span>
      </div>
      {runs.length === 0 ? (
        <div className="flex min-h-64 flex-col items-center justify-center rounded-card border border-dashed border-line p-10 text-center">
          <p className="text-sm font-medium">Nothing generated yet</p>
          <p className="mt-1 max-w-xs text-sm text-muted">Write a prompt, pick a shape and press Generate (or Ctrl/Cmd + Enter).</p>
        </div>
      ) : (
        <div className="space-y-6" data-testid="job-list">
          {runs.map((run) =>
            run.ids.length === 1 ? (
              <div key={run.id} className="grid gap-4 sm:grid-cols-2">
                <JobCard id={run.ids[0]!} initial={recentJobs.find((j) => j.id === run.ids[0])} />
              </div>
            ) : (
              <section key={run.id} aria-label={`Batch of ${run.ids.length} images`} data-testid="batch" className="rounded-card border border-line p-3">
                <h3 className="mb-2 text-2xs font-medium uppercase tracking-wide text-muted">Batch of {run.ids.length}</h3>
                <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
                  {run.ids.map((id) => (
                    // Server-rendered jobs start the cards, so they survive a refresh and poll on from where they are.
                    <JobCard key={id} id={id} initial={recentJobs.find((j) => j.id === id)} />
                  ))}
                </div>
              </section>
            ),
          )}
        </div>
      )}
    </section>
  );
}
