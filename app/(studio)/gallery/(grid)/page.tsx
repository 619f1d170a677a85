import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar } from "@/components/gallery/filter-bar";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { buttonClass } from "@/components/ui/button";
import { requireActor } from "@/lib/auth";
import { getBoard, listBoards } from "@/lib/library/boards";
import { GALLERY_COUNT_CAP, countGallery, fetchGalleryPage } from "@/lib/generations/gallery";
import { filtersToQuery, parseGalleryFilters } from "@/lib/generations/gallery-filters";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { filters, errors } = parseGalleryFilters(await searchParams);
  const [page, total, boards, board] = await Promise.all([
    fetchGalleryPage(actor, filters),
    countGallery(actor, filters),
    listBoards(actor),
    filters.board ? getBoard(actor, filters.board) : null,
  ]);
  const first = "error" in page ? { items: [], nextCursor: null } : page;
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold">{board ? board.name : filters.fav ? "Favorites" : "Gallery"}</h1>
        <span className="text-sm text-muted" data-testid="gallery-total">
          {total > GALLERY_COUNT_CAP ? `${GALLERY_COUNT_CAP.toLocaleString("en-US")}+` : total.toLocaleString("en-US")} {total === 1 ? "image" : "images"}
          {filtered ? " match" : ", newest first"}
        </span>
      </div>
      <FilterBar key={`filters${filtersToQuery(filters)}`} filters={filters} boards={boards.map((b) => ({ id: b.id, name: b.name }))} />
      {Object.keys(errors).length ? (
        <p role="status" className="mb-4 rounded-control border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning" data-testid="filter-errors">
          Ignored in the address:{" "}
          {Object.entries(errors)
            .map(([k, v]) => `${k} (${v})`)
            .join("; ")}
        </p>
      ) : null}
      {first.items.length === 0 ? (
        <div className="flex min-h-64 flex-col items-center justify-center rounded-card border border-dashed border-line p-10 text-center">
          {filtered ? (
            <>
              <p className="text-sm font-medium">Nothing matches these filters</p>
              <Link href="/gallery" className={buttonClass("secondary", "mt-5")}>
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <p className="text-sm font-medium">No images yet</p>
              <p className="mt-1 text-sm text-muted">Everything you generate lands here with its seed and full recipe.</p>
              <Link href="/" className={buttonClass("primary", "mt-5")}>
                Open the studio
              </Link>
            </>
          )}
        </div>
      ) : (
        <GalleryGrid key={`grid${filtersToQuery(filters)}`} filters={filters} firstPage={first} boards={boards.map((b) => ({ id: b.id, name: b.name }))} />
      )}
    </>
  );
}
