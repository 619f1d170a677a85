import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerationDetail } from "@/components/gallery/generation-detail";
import { requireActor } from "@/lib/auth";
import { boardsOf, listBoards } from "@/lib/library/boards";
import { fetchGenerationView } from "@/lib/generations";
import { galleryNeighbours } from "@/lib/generations/gallery";
import { filtersToQuery, parseGalleryFilters } from "@/lib/generations/gallery-filters";
import { activeShareLink, sharePath } from "@/lib/library/sharing";
import { getGeneration } from "@/lib/generations";
import { reviewHistory, versionsOf } from "@/lib/review";
import { listComments } from "@/lib/review/comments";
import { ReviewPanel } from "@/components/review/review-panel";

export const metadata: Metadata = { title: "Image" };

/** One image with its recipe. The gallery's filters ride along in the address, so ← → stay in that view. */
export default async function GenerationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const { filters } = parseGalleryFilters(await searchParams);
  // Someone else's id answers exactly like a missing one.
  const generation = await fetchGenerationView(actor, id);
  if (!generation) notFound();
  const [neighbours, boards, onBoards, share, row, history, comments] = await Promise.all([
    galleryNeighbours(actor, id, filters),
    listBoards(actor),
    boardsOf(actor, id),
    activeShareLink(actor, { kind: "image", id }),
    getGeneration(actor, id),
    reviewHistory(actor, id),
    listComments(actor, id),
  ]);
  const versions = row ? await versionsOf(actor, row) : [];
  const query = filtersToQuery(filters);
  return (
    <>
      <Link href={`/gallery${query}`} className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Gallery
      </Link>
      <GenerationDetail
        initial={generation}
        neighbours={{ newer: neighbours.newer && `/gallery/${neighbours.newer}${query}`, older: neighbours.older && `/gallery/${neighbours.older}${query}` }}
        boards={boards.map((b) => ({ id: b.id, name: b.name }))}
        onBoards={onBoards}
        sharePath={share ? sharePath(share.token) : null}
        review={
          generation.status === "completed" ? (
            <ReviewPanel generationId={id} state={generation.reviewState} versions={versions} history={history} comments={comments} />
          ) : null
        }
      />
    </>
  );
}
