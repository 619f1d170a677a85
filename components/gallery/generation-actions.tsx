"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { referenceFromImageAction } from "@/lib/actions/reference-from-image-action";
import { rerunAction } from "@/lib/actions/rerun-action";
import type { GenerationView } from "@/lib/generations/view";
import { formatUsd } from "@/lib/format";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";

type Rerun = "reproduce" | "vary" | "retry";

/**
 * What can be done with one image, in one place for the detail page, the lightbox and the run cards.
 * Everything that spends says its price on the button; a new image opens (or, in the studio, joins the runs).
 */
export function useGenerationActions(job: GenerationView, onMade?: (made: GenerationView) => void) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const rerun = (mode: Rerun) =>
    startTransition(async () => {
      const result = await rerunAction(job.id, mode);
      if (!result.ok) return toast(result.error);
      if (onMade) onMade(result.generation);
      else router.push(`/gallery/${result.generation.id}`);
    });
  const useAsReference = () =>
    startTransition(async () => {
      const image = job.images[0];
      if (!image) return;
      // On success the action opens the studio with the image attached (and says so there).
      const result = await referenceFromImageAction(image.id);
      if (!result.ok) toast(result.error);
    });
  return { pending, rerun, useAsReference, price: formatUsd(job.estimatedCostUsd) };
}

/** The detail page's and the lightbox's actions: Download first, then what makes something new from it. */
export function GenerationActions({ job, embedRecipe = false, compact = false }: { job: GenerationView; embedRecipe?: boolean; compact?: boolean }) {
  const { pending, rerun, useAsReference, price } = useGenerationActions(job);
  const canGenerate = useCan("generate");
  const image = job.images[0];
  if (!image) return null;
  return (
    <div className="space-y-2" data-testid="generation-actions">
      <a href={`${image.downloadUrl}${embedRecipe ? "&recipe=1" : ""}`} download className={buttonClass("primary", "w-full py-2.5")} data-testid="download">
        <DownloadIcon /> Download {image.contentType === "image/png" ? "PNG" : "JPG"} · {image.width}×{image.height}
      </a>
      <div className={`grid grid-cols-2 gap-2 ${canGenerate ? "" : "hidden"}`}>
        <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => rerun("vary")} title="Same recipe, a new seed">
          Vary · {price}
        </button>
        <button
          type="button"
          disabled={pending}
          className={buttonClass("secondary")}
          onClick={useAsReference}
          title="Attach this image to a new draft in the studio"
        >
          Use as reference
        </button>
        <Link href={`/?from=${job.id}&recall=all`} className={buttonClass("secondary")} title="Every setting and reference of this image, into the studio">
          Edit recipe
        </Link>
        {compact ? (
          <Link href={`/gallery/${job.id}`} className={buttonClass("secondary")}>
            Details
          </Link>
        ) : (
          <button type="button" disabled={pending} className={buttonClass("secondary")} onClick={() => rerun("reproduce")} title="Same recipe, same seed">
            Reproduce · {price}
          </button>
        )}
      </div>
    </div>
  );
}

export function DownloadIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
    </svg>
  );
}
