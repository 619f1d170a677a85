"use client";
import Link from "next/link";
import { useTransition, useState } from "react";
import { rerunAction } from "@/lib/actions/rerun-action";
import { referenceFromImageAction } from "@/lib/actions/reference-from-image-action";
import type { GenerationView } from "@/lib/generations/view";
import { useGeneration } from "../hooks/use-generation";
import { JobCard } from "../studio/job-card";
import { buttonClass } from "../ui/button";
import { formatBytes, formatSeconds, formatUsd } from "../studio/format";

export function GenerationDetail({ initial }: { initial: GenerationView }) {
  const { data } = useGeneration(initial.id, initial);
  const job = data ?? initial;
  const image = job.images[0];
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const run = (action: () => Promise<{ error: string } | undefined | void>) =>
    startTransition(async () => {
      const result = await action();
      if (result && "error" in result) setError(result.error);
    });

  const rows: [string, string | number][] = [
    ["Model", job.modelName],
    ["Transport", job.transport === "v1" ? "Direct (v1)" : "Queue (v2)"],
    ["Seed", job.seed],
    ["Aspect ratio", job.params.aspect_ratio],
    ["Resolution", job.params.output_resolution],
    ["Format", job.params.output_format.toUpperCase()],
    ["Response", job.params.response_modalities === "IMAGE" ? "Image only" : "Image + text"],
    ["Thinking", job.params.thinking_level],
    ["Safety tolerance", job.params.safety_tolerance],
    ...(job.params.web_search !== undefined ? ([["Web search", job.params.web_search ? "on" : "off"]] as [string, string][]) : []),
    ["References", job.references.length],
    ["Estimated cost", formatUsd(job.estimatedCostUsd)],
    ["Inference time", job.inferenceTime != null ? formatSeconds(job.inferenceTime * 1000) : "—"],
    ["Size", image ? `${image.width} × ${image.height} · ${formatBytes(image.bytes)}` : "—"],
    ["Created", new Date(job.createdAt).toLocaleString()],
  ];

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <div className="min-w-0">
        {image ? (
          <div className="flex items-center justify-center overflow-hidden rounded-card border border-line bg-raised">
            {/* eslint-disable-next-line @next/next/no-img-element -- the original, private file */}
            <img src={image.url} alt={job.prompt} width={image.width} height={image.height} data-testid="detail-image" className="max-h-[78vh] w-auto object-contain" />
          </div>
        ) : (
          <div className="mx-auto max-w-md">
            <JobCard id={job.id} initial={job} />
          </div>
        )}
      </div>
      <aside className="space-y-5">
        <div>
          <h1 className="text-xs font-medium text-muted">Prompt</h1>
          <p className="mt-1 whitespace-pre-wrap text-sm leading-relaxed" data-testid="detail-prompt">
            {job.prompt}
          </p>
        </div>
        {job.text ? (
          <div>
            <h2 className="text-xs font-medium text-muted">Text output</h2>
            <p className="mt-1 rounded-control bg-raised px-3 py-2 text-sm" data-testid="detail-text">
              {job.text}
            </p>
          </div>
        ) : null}
        {job.error ? (
          <p className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="detail-error">
            {job.error.message}
          </p>
        ) : null}
        <dl className="divide-y divide-line rounded-card border border-line bg-surface text-sm" data-testid="recipe">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-4 px-3 py-2">
              <dt className="text-muted">{k}</dt>
              <dd className="text-right font-medium" data-testid={`recipe-${k.toLowerCase().replace(/\s+/g, "-")}`}>
                {v}
              </dd>
            </div>
          ))}
        </dl>
        <div className="grid grid-cols-2 gap-2">
          <button type="button" disabled={pending} className={buttonClass("primary")} onClick={() => run(() => rerunAction(job.id, "reproduce"))} title="Same recipe, same seed">
            Reproduce
          </button>
          <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => run(() => rerunAction(job.id, "vary"))} title="Same recipe, new seed">
            Vary
          </button>
          <Link href={`/?from=${job.id}`} className={buttonClass("secondary")}>
            Edit recipe
          </Link>
          <button type="button" disabled={pending || !image} className={buttonClass("secondary")} onClick={() => image && run(() => referenceFromImageAction(image.id))}>
            Use as reference
          </button>
          {image ? (
            <a href={image.downloadUrl} download className={buttonClass("ghost", "col-span-2")} data-testid="download">
              Download original ({image.contentType === "image/png" ? "PNG" : "JPG"})
            </a>
          ) : null}
        </div>
        {error ? <p className="text-sm text-danger">{error}</p> : null}
      </aside>
    </div>
  );
}
