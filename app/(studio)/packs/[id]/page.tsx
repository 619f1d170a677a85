import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { packView } from "@/lib/packs";
import { packReviewHistory } from "@/lib/packs/review";
import { boardsOfPack, listBoards } from "@/lib/library/boards";
import { activeShareLink, sharePath } from "@/lib/library/sharing";
import { formatUsd } from "@/lib/format";
import { may } from "@/lib/workspaces/roles";
import { PackAssets } from "@/components/packs/pack-assets";
import { FinalisePanel, PackBoards, PackReviewPanel } from "@/components/packs/pack-panels";
import { ShareControl } from "@/components/gallery/share-control";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Placement pack" };

/**
 * A pack: its assets by platform at their true shape, pixels and bytes against the cap; beside them its
 * drafts to finalise, its review, the boards it is on and its share link; export as a zip.
 */
export default async function PackPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const pack = await packView(actor, id);
  if (!pack) notFound();
  const [history, boards, onBoards, share] = await Promise.all([
    packReviewHistory(actor, id),
    listBoards(actor),
    boardsOfPack(actor, id),
    activeShareLink(actor, { kind: "pack", id }),
  ]);
  const sources = pack.generations.filter((g) => g.inUse);
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
            {pack.assets.length} placements from {sources.length} {sources.length === 1 ? "generation" : "generations"} ·{" "}
            {sources.map((g) => `${g.aspectRatio} ${g.resolution}${g.draft ? " draft" : ""}`).join(", ")} · spent{" "}
            {formatUsd(pack.generations.reduce((sum, g) => sum + g.costUsd, 0))}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/gallery?pack=${pack.id}`} className={buttonClass("ghost", "px-2.5 py-1 text-xs")}>
            Its {pack.generations.length} {pack.generations.length === 1 ? "image" : "images"}
          </Link>
          <a href={`/api/v1/packs/${pack.id}/export`} download className={buttonClass("primary")} data-testid="pack-export">
            Export zip
          </a>
        </div>
      </div>
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <PackAssets initial={pack} />
        <aside className="space-y-4">
          <FinalisePanel initial={pack} />
          <PackReviewPanel initial={pack} history={history} />
          <PackBoards packId={pack.id} boards={boards.map((b) => ({ id: b.id, name: b.name }))} on={onBoards} />
          {may(actor.role, "edit") ? <ShareControl target={{ kind: "pack", id: pack.id }} initialPath={share ? sharePath(share.token) : null} /> : null}
        </aside>
      </div>
    </>
  );
}
