"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { filtersToQuery, type GalleryFilters, type GalleryItem, type GalleryPage } from "@/lib/generations/gallery-query";
import { galleryKeys, useGalleryPages } from "../hooks/use-gallery-pages";
import { Lightbox } from "../ui/lightbox";
import { GalleryTile } from "./gallery-tile";
import { GenerationSummary } from "./generation-summary";
import { GAP, justifiedRows, useWidth } from "./justified-rows";
import { SelectionBar } from "./selection-bar";

/**
 * The gallery: thumbnails at their true shape in justified rows, pages fetched as the user scrolls, and only
 * the rows near the viewport in the DOM, so 10,000 images scroll like 50. A click (or Enter) opens the
 * lightbox, which walks the same filtered view with ← →; arrow keys move between tiles, `f` favorites,
 * `x` selects (to compare or to put on a board).
 */
export function GalleryGrid({ filters, firstPage, boards }: { filters: GalleryFilters; firstPage: GalleryPage; boards: { id: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { items, fetchNextPage, hasNextPage, isFetchingNextPage, error, toggleFavorite } = useGalleryPages(filters, firstPage);
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container);
  const layout = useMemo(
    () =>
      justifiedRows(
        items.map((i) => i.image),
        width,
      ),
    [items, width],
  );
  const rowOf = useMemo(() => {
    const map: number[] = [];
    layout.rows.forEach((row, r) => row.boxes.forEach((box) => (map[box.index] = r)));
    return map;
  }, [layout]);

  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => setOffset(container.current?.offsetTop ?? 0), []);
  const virtualizer = useWindowVirtualizer({
    count: layout.rows.length,
    estimateSize: (r) => layout.rows[r]!.height + GAP,
    overscan: 3,
    scrollMargin: offset,
    // Before the browser measures anything (and on the server), assume a desktop window: the first rows are
    // in the HTML, so thumbnails start loading before hydration.
    initialRect: { width: 1280, height: 900 },
  });
  useEffect(() => virtualizer.measure(), [layout, virtualizer]);
  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRow >= layout.rows.length - 4) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, lastRow, layout.rows.length]);

  const [selected, setSelected] = useState<string[]>([]);
  const toggleSelected = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const [open, setOpen] = useState<number | null>(null);

  // Keyboard: one tile is focusable at a time (roving tabindex); arrows move it and scroll it into view.
  const [focus, setFocus] = useState(0);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    document.querySelector<HTMLElement>(`[data-tile-index="${focus}"]`)?.focus();
  });
  const focusTile = (index: number) => {
    virtualizer.scrollToIndex(rowOf[index] ?? 0, { align: "auto" });
    moveFocus.current = true;
    setFocus(index);
  };
  /** The tile in the row above or below whose centre is nearest the focused one's. */
  const verticalNeighbour = (index: number, by: 1 | -1) => {
    const row = layout.rows[(rowOf[index] ?? 0) + by];
    if (!row) return index;
    const from = layout.rows[rowOf[index] ?? 0]!.boxes.find((b) => b.index === index)!;
    const centre = from.left + from.width / 2;
    return row.boxes.reduce((best, b) => (Math.abs(b.left + b.width / 2 - centre) < Math.abs(best.left + best.width / 2 - centre) ? b : best)).index;
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!target.dataset.tileIndex || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, () => number> = {
      ArrowRight: () => Math.min(items.length - 1, focus + 1),
      ArrowLeft: () => Math.max(0, focus - 1),
      ArrowDown: () => verticalNeighbour(focus, 1),
      ArrowUp: () => verticalNeighbour(focus, -1),
    };
    if (event.key in moves) {
      event.preventDefault();
      focusTile(moves[event.key]!());
    } else if (event.key === "f" && items[focus]) {
      event.preventDefault();
      void toggleFavorite(items[focus]);
    } else if (event.key === "x" && items[focus]) {
      toggleSelected(items[focus].id);
    }
  };

  return (
    <>
      <div
        ref={container}
        onKeyDown={onKeyDown}
        role="grid"
        aria-label="Images"
        aria-rowcount={layout.rows.length}
        data-testid="gallery-grid"
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {virtualRows.map((virtualRow) => {
          const row = layout.rows[virtualRow.index]!;
          return (
            <div
              key={virtualRow.key}
              role="row"
              aria-rowindex={virtualRow.index + 1}
              className="absolute left-0 right-0"
              style={{ top: virtualRow.start - virtualizer.options.scrollMargin, height: row.height }}
            >
              {row.boxes.map((box) => {
                const item = items[box.index]!;
                return (
                  <GalleryTile
                    key={item.id}
                    item={item}
                    index={box.index}
                    box={box}
                    href={`/gallery/${item.id}${filtersToQuery(filters)}`}
                    focused={box.index === focus}
                    selected={selected.includes(item.id)}
                    onFocus={() => setFocus(box.index)}
                    onOpen={() => setOpen(box.index)}
                    onSelect={() => toggleSelected(item.id)}
                    onFavorite={() => void toggleFavorite(item)}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
      <p className="py-6 text-center text-xs text-muted" aria-live="polite">
        {error
          ? `Could not load more: ${error.message}`
          : isFetchingNextPage
            ? "Loading more…"
            : hasNextPage
              ? ""
              : `All ${items.length.toLocaleString("en-US")} shown.`}
      </p>
      {open !== null ? (
        <Lightbox<GalleryItem & { src: string; width: number; height: number; alt: string }>
          items={items.map((i) => ({ ...i, src: i.image.url, width: i.image.width, height: i.image.height, alt: i.prompt }))}
          index={open}
          onIndex={(index) => {
            // The grid follows behind the lightbox, so closing it lands on the image last seen.
            setOpen(index);
            setFocus(index);
            virtualizer.scrollToIndex(rowOf[index] ?? 0, { align: "auto" });
          }}
          onClose={() => {
            const lastSeen = open;
            setOpen(null);
            // The dialog hands focus back to the tile it was opened from; the image last seen takes it instead.
            focusTile(lastSeen);
          }}
          onNearEnd={hasNextPage && !isFetchingNextPage ? () => void fetchNextPage() : undefined}
          aside={(item) => (
            <GenerationSummary
              id={item.id}
              href={`/gallery/${item.id}${filtersToQuery(filters)}`}
              onFavorite={() => void toggleFavorite(item)}
              favorite={item.favorite}
            />
          )}
        />
      ) : null}
      {selected.length ? (
        <SelectionBar
          selected={selected}
          boards={boards}
          currentBoard={filters.board}
          onClear={() => setSelected([])}
          onChanged={() => {
            void queryClient.invalidateQueries({ queryKey: galleryKeys.all });
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}
