import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { packView } from "@/lib/packs";
import { formatUsd } from "@/lib/format";
import { PackAssets } from "@/components/packs/pack-assets";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Placement pack" };

/** A pack: its assets by platform at their true shape, pixels and bytes against the cap; export as a zip. */
export default async function PackPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const pack = await packView(actor, id);
  if (!pack) notFound();
  return (
    <>
      <Link href="/packs" className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Packs
      </Link>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold">Placement pack</h1>
          <p className="line-clamp-2 text-sm text-muted">{pack.prompt}</p>
          <p className="mt-1 text-2xs text-muted" data-testid="pack-summary">
            {pack.assets.length} placements from {pack.generations.length} {pack.generations.length === 1 ? "generation" : "generations"} ·{" "}
            {pack.generations.map((g) => `${g.aspectRatio} ${g.resolution}`).join(", ")} · {formatUsd(pack.plan.costUsd)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {pack.generations.map((g) => (
            <Link key={g.id} href={`/gallery/${g.id}`} className={buttonClass("ghost", "px-2.5 py-1 text-xs")}>
              {g.aspectRatio} source
            </Link>
          ))}
          <a href={`/api/v1/packs/${pack.id}/export`} download className={buttonClass("primary")} data-testid="pack-export">
            Export zip
          </a>
        </div>
      </div>
      <PackAssets initial={pack} />
    </>
  );
}
