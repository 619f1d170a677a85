"use client";
import Link from "next/link";
import type { GenerationView } from "@/lib/generations/view";
import { useGeneration } from "../hooks/use-generation";
import { useNow } from "../hooks/use-now";
import { formatSeconds } from "@/lib/format";

const STATUS_LABEL = { queued: "Queued", processing: "Generating", completed: "Done", failed: "Failed" } as const;

/** One job: its progress while it runs, then its image (or the reason it failed). */
export function JobCard({ id, initial }: { id: string; initial?: GenerationView }) {
  const { data: job } = useGeneration(id, initial);
  const running = job ? job.status === "queued" || job.status === "processing" : true;
  const now = useNow(running);
  if (!job) return <div className="aspect-square animate-pulse rounded-card bg-raised" />;

  const elapsed = now - new Date(job.createdAt).getTime();
  const progress = Math.min(0.95, elapsed / job.typicalLatencyMs);
  const image = job.images[0];
  const [w, h] = job.aspectRatio === "auto" || !job.aspectRatio.includes(":") ? [1, 1] : job.aspectRatio.split(":").map(Number);

  return (
    <article
      data-testid="job-card"
      data-status={job.status}
      data-generation-id={job.id}
      className="overflow-hidden rounded-card border border-line bg-surface shadow-sm"
    >
      <div className="relative bg-raised" style={{ aspectRatio: image ? `${image.width} / ${image.height}` : `${w} / ${h}` }}>
        {image ? (
          <Link href={`/gallery/${job.id}`} className="block h-full w-full" aria-label="Open this image">
            {/* eslint-disable-next-line @next/next/no-img-element -- private, already-sized files served by our own route */}
            <img src={image.url} alt={job.prompt} width={image.width} height={image.height} data-testid="job-image" className="h-full w-full object-contain" />
          </Link>
        ) : job.status === "failed" ? (
          <div className="flex h-full min-h-40 flex-col items-center justify-center gap-2 p-5 text-center">
            <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="rgb(var(--danger))" strokeWidth="2" aria-hidden>
              <circle cx="12" cy="12" r="10" />
              <path d="M12 8v5M12 16h.01" />
            </svg>
            <p data-testid="job-error" className="text-sm text-ink">
              {job.error?.message}
            </p>
          </div>
        ) : (
          <div className="flex h-full min-h-40 flex-col items-center justify-center gap-3 p-5">
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
              {STATUS_LABEL[job.status]} · {formatSeconds(elapsed)} of ~{formatSeconds(job.typicalLatencyMs)}
            </p>
            {job.holdReason ? (
              <p className="max-w-xs text-center text-xs text-warning" data-testid="job-hold">
                {job.holdReason}
              </p>
            ) : null}
          </div>
        )}
      </div>
      <div className="space-y-1.5 p-3">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 whitespace-nowrap text-2xs text-muted">
          <span className="inline-flex items-center gap-1.5">
            <StatusDot status={job.status} />
            <span data-testid="job-status" className="font-medium text-ink">
              {STATUS_LABEL[job.status]}
            </span>
          </span>
          <span>{job.modelName}</span>
          <span>{job.aspectRatio}</span>
          <span className="ml-auto font-mono" data-testid="job-seed">
            seed {job.seed}
          </span>
        </div>
        <p className="line-clamp-2 text-sm">{job.prompt}</p>
        {job.text ? (
          <p data-testid="job-text" className="line-clamp-3 rounded-control bg-raised px-2.5 py-1.5 text-xs text-muted">
            {job.text}
          </p>
        ) : null}
      </div>
    </article>
  );
}

function StatusDot({ status }: { status: GenerationView["status"] }) {
  const color = { queued: "bg-muted", processing: "bg-accent animate-pulse", completed: "bg-success", failed: "bg-danger" }[status];
  return <span className={`inline-block h-2 w-2 rounded-full ${color}`} aria-hidden />;
}
