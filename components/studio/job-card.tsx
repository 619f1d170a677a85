"use client";
import { ChecksBadge } from "../checks/checks-panel";
import Link from "next/link";
import { useState } from "react";
import type { GenerationView } from "@/lib/generations/view";
import { formatSeconds } from "@/lib/format";
import { useGeneration, useToggleFavorite } from "../hooks/use-generation";
import { useNow } from "../hooks/use-now";
import { DownloadIcon, useGenerationActions } from "../gallery/generation-actions";
import { FavoriteButton } from "../gallery/favorite-button";

const STATUS_LABEL = { queued: "Waiting", processing: "Generating", completed: "Done", failed: "Failed" } as const;
const chip = "inline-flex items-center gap-1 rounded-control px-2 py-1 text-xs font-medium text-muted hover:bg-raised hover:text-ink disabled:opacity-50";

/**
 * One job: its progress while it runs, then its image with what can be done with it — or, when it failed,
 * a compact row that says why, with Retry and Dismiss.
 */
export function JobCard({
  id,
  initial,
  onOpen,
  onMade,
  onDismiss,
}: {
  id: string;
  initial?: GenerationView;
  /** Opens the image in the run list's lightbox (elsewhere: the detail page). */
  onOpen?: (id: string) => void;
  /** A new run made from this one (Vary, Retry): the studio shows it at the top; elsewhere it opens. */
  onMade?: (made: GenerationView) => void;
  /** Hides a failed job from the run list (where there is one). */
  onDismiss?: (id: string) => void;
}) {
  const { data: job } = useGeneration(id, initial);
  if (!job) return <div className="aspect-square animate-pulse rounded-card bg-raised" />;
  if (job.status === "failed") return <FailedRow job={job} onMade={onMade} onDismiss={onDismiss} />;
  return (
    <article
      data-testid="job-card"
      data-status={job.status}
      data-generation-id={job.id}
      className="group overflow-hidden rounded-card border border-line bg-surface shadow-sm"
    >
      {job.status === "completed" && job.images[0] ? <Finished job={job} onOpen={onOpen} onMade={onMade} /> : <Running job={job} />}
    </article>
  );
}

function Finished({ job, onOpen, onMade }: { job: GenerationView; onOpen?: (id: string) => void; onMade?: (made: GenerationView) => void }) {
  const image = job.images[0]!;
  const { pending, rerun, useAsReference, price } = useGenerationActions(job, onMade);
  const toggleFavorite = useToggleFavorite();
  return (
    <>
      <Link
        href={`/gallery/${job.id}`}
        onClick={(event) => {
          if (!onOpen || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          onOpen(job.id);
        }}
        className="relative flex max-h-[26rem] w-full justify-center bg-raised"
        aria-label="View larger"
        style={{ aspectRatio: `${image.width} / ${image.height}` }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- private, already-sized files served by our own route */}
        <img
          src={image.url}
          alt={job.prompt}
          width={image.width}
          height={image.height}
          data-testid="job-image"
          className="h-full w-auto max-w-full object-contain"
        />
      </Link>
      <div className="space-y-1.5 px-3 pb-2 pt-2.5">
        <p className="line-clamp-1 text-sm" title={job.prompt}>
          {job.prompt}
        </p>
        <p className="flex items-center gap-2 text-2xs text-muted">
          <span data-testid="job-status" className="sr-only">
            {STATUS_LABEL[job.status]}
          </span>
          <span className="whitespace-nowrap">{job.aspectRatio}</span>
          {job.checks ? <ChecksBadge status={job.checks.status} /> : null}
          <span className="ml-auto truncate font-mono" data-testid="job-seed">
            seed {job.seed}
          </span>
        </p>
        <div className="-mx-1.5 flex flex-wrap items-center gap-0.5" role="group" aria-label="Image actions">
          <FavoriteButton favorite={job.favorite} onToggle={() => void toggleFavorite(job)} className="shadow-none" />
          <a href={image.downloadUrl} download className={chip} aria-label="Download" title="Download the original">
            <DownloadIcon />
          </a>
          <button type="button" className={chip} disabled={pending} onClick={() => rerun("vary")} title="Same recipe, a new seed">
            Vary · {price}
          </button>
          <button type="button" className={chip} disabled={pending} onClick={useAsReference} title="Attach this image to the draft">
            Use as reference
          </button>
          <Link href={`/gallery/${job.id}`} className={`${chip} ml-auto`}>
            Open
          </Link>
        </div>
      </div>
    </>
  );
}

/** Time counts from when the job was sent to Segmind; before that, it is waiting in our queue and says so. */
function Running({ job }: { job: GenerationView }) {
  const now = useNow(true);
  const image = job.images[0];
  const [w, h] = job.aspectRatio === "auto" || !job.aspectRatio.includes(":") ? [1, 1] : job.aspectRatio.split(":").map(Number);
  const sent = job.submittedAt ? Date.parse(job.submittedAt) : null;
  const elapsed = sent === null ? 0 : now - sent;
  const progress = Math.min(0.95, elapsed / job.typicalLatencyMs);
  return (
    <>
      <div
        className="relative flex flex-col items-center justify-center gap-3 bg-raised p-5"
        style={{ aspectRatio: image ? `${image.width} / ${image.height}` : `${w} / ${h}` }}
      >
        {sent === null ? (
          <p className="text-xs text-muted" data-testid="job-elapsed">
            Waiting to be sent · {formatSeconds(now - Date.parse(job.createdAt))}
          </p>
        ) : (
          <>
            <div
              className="h-1.5 w-2/3 overflow-hidden rounded-full bg-line"
              role="progressbar"
              aria-label="Progress"
              aria-valuenow={Math.round(progress * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${progress * 100}%` }} />
            </div>
            <p className="text-xs text-muted" data-testid="job-elapsed">
              Generating · {formatSeconds(elapsed)} of ~{formatSeconds(job.typicalLatencyMs)}
            </p>
          </>
        )}
        {job.holdReason ? (
          <p className="max-w-xs text-center text-xs text-warning" data-testid="job-hold">
            {job.holdReason}
          </p>
        ) : null}
      </div>
      <div className="px-3 py-2.5">
        <p className="flex items-center gap-2 text-2xs text-muted">
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-accent" aria-hidden />
          <span data-testid="job-status" className="font-medium text-ink">
            {STATUS_LABEL[job.status]}
          </span>
          <span>{job.aspectRatio}</span>
          <span className="ml-auto font-mono" data-testid="job-seed">
            seed {job.seed}
          </span>
        </p>
        <p className="mt-1 line-clamp-1 text-sm">{job.prompt}</p>
      </div>
    </>
  );
}

/** A failed job takes one line: why, and what to do. A retry that may pay twice asks first. */
function FailedRow({ job, onMade, onDismiss }: { job: GenerationView; onMade?: (made: GenerationView) => void; onDismiss?: (id: string) => void }) {
  const { pending, rerun, price } = useGenerationActions(job, onMade);
  const [confirming, setConfirming] = useState(false);
  const charged = job.error?.mayHaveBeenCharged ?? false;
  return (
    <article
      data-testid="job-card"
      data-status="failed"
      data-generation-id={job.id}
      className="col-span-full flex flex-wrap items-center gap-x-3 gap-y-1.5 rounded-card border border-danger/30 bg-danger/5 px-3 py-2"
    >
      <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="rgb(var(--danger))" strokeWidth="2" aria-hidden className="shrink-0">
        <circle cx="12" cy="12" r="10" />
        <path d="M12 8v5M12 16h.01" />
      </svg>
      <span data-testid="job-status" className="sr-only">
        Failed
      </span>
      <p className="min-w-0 flex-1 truncate text-sm" title={`${job.error?.message ?? ""}\n\n${job.prompt}`}>
        <span data-testid="job-error">{job.error?.message}</span> <span className="text-muted">— {job.prompt}</span>
      </p>
      {confirming ? (
        <span className="flex flex-wrap items-center gap-2 text-xs" data-testid="retry-warning">
          <span className="text-warning">Segmind may have charged for the first try.</span>
          <button type="button" className={`${chip} text-ink`} disabled={pending} onClick={() => rerun("retry")}>
            Retry anyway · {price}
          </button>
          <button type="button" className={chip} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className="flex items-center gap-1">
          <button type="button" className={`${chip} text-ink`} disabled={pending} onClick={() => (charged ? setConfirming(true) : rerun("retry"))}>
            Retry · {price}
          </button>
          {onDismiss ? (
            <button type="button" className={chip} onClick={() => onDismiss(job.id)} title="Hide it from the runs; it stays in the records">
              Dismiss
            </button>
          ) : null}
        </span>
      )}
    </article>
  );
}
