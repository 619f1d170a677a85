"use client";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createBoardAction, setOnBoardAction } from "@/lib/actions/board-actions";
import { setFavoriteAction } from "@/lib/actions/favorite-actions";
import { filtersToQuery, type GalleryFilters, type GalleryItem, type GalleryPage } from "@/lib/generations/gallery-query";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { FavoriteButton } from "./favorite-button";

const GAP = 16;
const CAPTION = 58;
const MAX_COMPARE = 4;

async function fetchPage(filters: GalleryFilters, cursor: string | null): Promise<GalleryPage> {
  const query = new URLSearchParams(filtersToQuery(filters).slice(1));
  if (cursor) query.set("cursor", cursor);
  const response = await fetch(`/api/gallery?${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  return (await response.json()) as GalleryPage;
}

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
  const queryKey = ["gallery", filtersToQuery(filters)];
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage, error } = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: 30_000,
    // Nothing is kept after leaving: each visit starts from the server's fresh first page, so images made or
    // favorited elsewhere in the meantime show as they are now.
    gcTime: 0,
  });
  const items = data.pages.flatMap((p) => p.items);
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

  const setFavorite = async (item: GalleryItem) => {
    const favorite = !item.favorite;
    const update = (value: boolean) =>
      queryClient.setQueryData<InfiniteData<GalleryPage>>(
        queryKey,
        (old) =>
          old && {
            ...old,
            pages: old.pages.map((p) => ({
              ...p,
              items: p.items.map((i) => (i.id === item.id ? { ...i, favorite: value } : i)),
            })),
          },
      );
    update(favorite);
    const result = await setFavoriteAction(item.id, favorite);
    if (!result.ok) {
      update(!favorite);
      toast(result.error);
    }
  };

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
      void setFavorite(items[focus]!);
    } else if (event.key === "x" && items[focus]) {
      toggleSelected(items[focus]!.id);
    }
  };

  return (
    <>
      <div ref={container} onKeyDown={onKeyDown} role="grid" aria-label="Images" aria-rowcount={rows} data-testid="gallery-grid" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
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
              const isSelected = selected.includes(item.id);
              return (
                <div
                  key={item.id}
                  role="gridcell"
                  data-testid="gallery-item"
                  data-generation-id={item.id}
                  className={`group relative overflow-hidden rounded-card border bg-surface shadow-sm transition ${isSelected ? "border-accent ring-2 ring-accent" : "border-line hover:border-muted"}`}
                >
                  <Link
                    href={`/gallery/${item.id}${filtersToQuery(filters)}`}
                    data-tile-index={index}
                    tabIndex={index === focus ? 0 : -1}
                    onFocus={() => setFocus(index)}
                    className="block focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent"
                  >
                    <div className="aspect-square overflow-hidden bg-raised">
                      {/* eslint-disable-next-line @next/next/no-img-element -- sized WebP thumbnails from our own route */}
                      <img src={item.image.thumbUrl} alt="" loading="lazy" decoding="async" className="h-full w-full object-cover" />
                    </div>
                    <div className="space-y-0.5 px-2.5 py-2">
                      <p className="line-clamp-1 text-xs">{item.prompt}</p>
                      <p className="flex items-center gap-1.5 text-2xs text-muted">
                        <span>{item.modelName}</span>·<span>{item.aspectRatio}</span>
                        <span className="ml-auto font-mono" data-testid="gallery-seed">
                          {item.seed}
                        </span>
                      </p>
                    </div>
                  </Link>
                  <label
                    className={`absolute left-2 top-2 flex h-7 w-7 cursor-pointer items-center justify-center rounded-full bg-canvas/85 shadow transition ${isSelected ? "opacity-100" : "opacity-0 focus-within:opacity-100 group-hover:opacity-100"}`}
                  >
                    <input
                      type="checkbox"
                      checked={isSelected}
                      onChange={() => toggleSelected(item.id)}
                      aria-label={`Select seed ${item.seed}`}
                      className="accent-[rgb(var(--accent))]"
                      tabIndex={index === focus ? 0 : -1}
                    />
                  </label>
                  <FavoriteButton favorite={item.favorite} onToggle={() => void setFavorite(item)} className="absolute right-2 top-2" tabIndex={index === focus ? 0 : -1} />
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <p className="py-6 text-center text-xs text-muted" aria-live="polite">
        {error ? `Could not load more: ${error.message}` : isFetchingNextPage ? "Loading more…" : hasNextPage ? "" : `All ${items.length.toLocaleString("en-US")} shown.`}
      </p>
      {selected.length ? (
        <SelectionBar
          selected={selected}
          boards={boards}
          currentBoard={filters.board}
          onClear={() => setSelected([])}
          onChanged={() => {
            queryClient.invalidateQueries({ queryKey: ["gallery"] });
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}

function SelectionBar({
  selected,
  boards,
  currentBoard,
  onClear,
  onChanged,
}: {
  selected: string[];
  boards: { id: string; name: string }[];
  currentBoard?: string;
  onClear: () => void;
  onChanged: () => void;
}) {
  const [board, setBoard] = useState(boards[0]?.id ?? "");
  const [newName, setNewName] = useState("");
  const [busy, setBusy] = useState(false);
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;

  const addTo = async (boardId: string, name: string) => {
    const result = await setOnBoardAction(boardId, selected, true);
    toast(result.ok ? `Added ${selected.length} to ${name}.` : result.error);
    if (result.ok) onChanged();
  };

  return (
    <div
      role="region"
      aria-label="Selection"
      className="sticky bottom-4 z-20 mx-auto flex w-fit max-w-full flex-wrap items-center gap-2 rounded-card border border-line bg-surface px-3 py-2 shadow-xl"
      data-testid="selection-bar"
    >
      <span className="text-sm font-medium">{selected.length} selected</span>
      {canCompare ? (
        <Link href={`/compare?ids=${selected.join(",")}`} className={buttonClass("primary")}>
          Compare
        </Link>
      ) : (
        <span className="text-2xs text-muted">{selected.length > MAX_COMPARE ? `Compare takes up to ${MAX_COMPARE}.` : "Select 2–4 to compare."}</span>
      )}
      <span className="mx-1 h-6 w-px bg-line" aria-hidden />
      {boards.length ? (
        <>
          <label>
            <span className="sr-only">Board</span>
            <select value={board} onChange={(e) => setBoard(e.target.value)} className="rounded-control border border-line bg-canvas px-2 py-1.5 text-sm">
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            className={buttonClass("secondary")}
            onClick={async () => {
              setBusy(true);
              await addTo(board, boards.find((b) => b.id === board)?.name ?? "the board");
              setBusy(false);
            }}
          >
            Add to board
          </button>
        </>
      ) : null}
      <form
        className="flex items-center gap-1"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const created = await createBoardAction(newName);
          if (created.ok) {
            await addTo(created.board.id, created.board.name);
            setNewName("");
          } else toast(created.error);
          setBusy(false);
        }}
      >
        <label>
          <span className="sr-only">New board name</span>
          <input
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder="New board…"
            maxLength={80}
            className="w-32 rounded-control border border-line bg-canvas px-2 py-1.5 text-sm"
          />
        </label>
        <button type="submit" disabled={busy || !newName.trim()} className={buttonClass("secondary")}>
          Create &amp; add
        </button>
      </form>
      {currentBoard ? (
        <button
          type="button"
          disabled={busy}
          className={buttonClass("danger")}
          onClick={async () => {
            setBusy(true);
            const result = await setOnBoardAction(currentBoard, selected, false);
            toast(result.ok ? `Removed ${selected.length} from this board.` : result.error);
            if (result.ok) {
              onClear();
              onChanged();
            }
            setBusy(false);
          }}
        >
          Remove from board
        </button>
      ) : null}
      <button type="button" className={buttonClass("ghost")} onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
