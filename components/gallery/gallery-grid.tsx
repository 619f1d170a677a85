"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { filtersToQuery, type GalleryFilters, type GalleryPage } from "@/lib/generations/gallery-query";
import { galleryKeys, useGalleryPages } from "../hooks/use-gallery-pages";
import { GalleryTile } from "./gallery-tile";
import { SelectionBar } from "./selection-bar";

const GAP = 16;
const CAPTION = 58;

function useColumns(element: React.RefObject<HTMLElement | null>) {
  const [width, setWidth] = useState(1200);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  const columns = Math.min(6, Math.max(2, Math.floor((width + GAP) / (200 + GAP))));
  const tile = (width - GAP * (columns - 1)) / columns;
  return { columns, rowHeight: tile + CAPTION + GAP };
}

/**
 * The gallery grid: pages of thumbnails fetched as the user scrolls, and only the rows near the viewport
 * in the DOM, so 10,000 images scroll like 50. Arrow keys move between tiles, Enter opens one, `f`
 * favorites it; tiles can be selected to compare or to put on a board.
 */
export function GalleryGrid({ filters, firstPage, boards }: { filters: GalleryFilters; firstPage: GalleryPage; boards: { id: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { items, fetchNextPage, hasNextPage, isFetchingNextPage, error, toggleFavorite } = useGalleryPages(filters, firstPage);
  const container = useRef<HTMLDivElement>(null);
  const { columns, rowHeight } = useColumns(container);
  const rows = Math.ceil(items.length / columns);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => setOffset(container.current?.offsetTop ?? 0), []);
  const virtualizer = useWindowVirtualizer({
    count: rows,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin: offset,
    // Before the browser measures anything (and on the server), assume a desktop window: the first rows are
    // in the HTML, so thumbnails start loading before hydration.
    initialRect: { width: 1280, height: 900 },
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRow >= rows - 4) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, lastRow, rows]);

  const [selected, setSelected] = useState<string[]>([]);
  const toggleSelected = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  // Keyboard: one tile is focusable at a time (roving tabindex); arrows move it and scroll it into view.
  const [focus, setFocus] = useState(0);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    document.querySelector<HTMLElement>(`[data-tile-index="${focus}"]`)?.focus();
  });
  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!target.dataset.tileIndex || event.altKey || event.ctrlKey || event.metaKey) return;
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
    };
    if (event.key in steps) {
      event.preventDefault();
      const next = Math.min(items.length - 1, Math.max(0, focus + steps[event.key]!));
      virtualizer.scrollToIndex(Math.floor(next / columns), { align: "auto" });
      moveFocus.current = true;
      setFocus(next);
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
        aria-rowcount={rows}
        data-testid="gallery-grid"
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {virtualRows.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="absolute left-0 right-0 grid"
            style={{
              top: row.start - virtualizer.options.scrollMargin,
              height: rowHeight - GAP,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gap: GAP,
            }}
          >
            {items.slice(row.index * columns, row.index * columns + columns).map((item, column) => {
              const index = row.index * columns + column;
              return (
                <GalleryTile
                  key={item.id}
                  item={item}
                  index={index}
                  href={`/gallery/${item.id}${filtersToQuery(filters)}`}
                  focused={index === focus}
                  selected={selected.includes(item.id)}
                  onFocus={() => setFocus(index)}
                  onSelect={() => toggleSelected(item.id)}
                  onFavorite={() => void toggleFavorite(item)}
                />
              );
            })}
          </div>
        ))}
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
