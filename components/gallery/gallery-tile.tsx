"use client";
import Link from "next/link";
import type { GalleryItem } from "@/lib/generations/gallery-query";
import { FavoriteButton } from "./favorite-button";
import { ReviewBadge } from "../review/state-badge";
import { useCan } from "../workspaces/role-context";
import type { Box } from "./justified-rows";

/**
 * One image in the gallery at its true shape: a click opens the lightbox (a modified click, or the link's
 * own menu, still opens the detail page); the prompt shows on hover and focus; select and favorite sit on top.
 */
export function GalleryTile({
  item,
  index,
  box,
  href,
  focused,
  selected,
  onFocus,
  onOpen,
  onSelect,
  onFavorite,
}: {
  item: GalleryItem;
  index: number;
  box: Box;
  href: string;
  /** The one tile in the tab order (roving tabindex). */
  focused: boolean;
  selected: boolean;
  onFocus: () => void;
  onOpen: () => void;
  onSelect: () => void;
  onFavorite: () => void;
}) {
  const canEdit = useCan("edit");
  return (
    <div
      role="gridcell"
      data-testid="gallery-item"
      data-generation-id={item.id}
      className={`group absolute top-0 overflow-hidden rounded-card bg-raised shadow-sm transition ${selected ? "ring-2 ring-accent ring-offset-2 ring-offset-canvas" : ""}`}
      style={{ left: box.left, width: box.width, height: box.height }}
    >
      <Link
        href={href}
        data-tile-index={index}
        tabIndex={focused ? 0 : -1}
        onFocus={onFocus}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen();
        }}
        aria-label={`Open: ${item.prompt.slice(0, 80)}`}
        className="block h-full w-full focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- sized WebP thumbnails from our own route */}
        <img src={item.image.thumbUrl} alt="" loading="lazy" decoding="async" data-testid="tile-image" className="h-full w-full object-cover" />
        <div
          className={`pointer-events-none absolute inset-x-0 bottom-0 translate-y-1 bg-gradient-to-t from-black/75 to-transparent px-2.5 pt-6 text-white opacity-0 transition group-hover:translate-y-0 group-hover:opacity-100 group-focus-within:translate-y-0 group-focus-within:opacity-100 ${item.pack ? "pb-8" : "pb-2"}`}
        >
          <p className="line-clamp-2 text-xs" data-testid="tile-prompt">
            {item.prompt}
          </p>
          <p className="mt-0.5 flex items-center gap-1.5 text-2xs text-white/80">
            <span>{item.aspectRatio}</span>·<span>{item.modelName}</span>
            <span className="ml-auto font-mono" data-testid="gallery-seed">
              {item.seed}
            </span>
          </p>
        </div>
      </Link>
      <label
        className={`absolute left-2 top-2 flex h-7 w-7 cursor-pointer items-center justify-center rounded-full bg-canvas/85 shadow transition ${selected ? "opacity-100" : "opacity-0 focus-within:opacity-100 group-hover:opacity-100"}`}
      >
        <input
          type="checkbox"
          checked={selected}
          onChange={onSelect}
          aria-label={`Select seed ${item.seed}`}
          className="accent-[rgb(var(--accent))]"
          tabIndex={focused ? 0 : -1}
        />
      </label>
      {item.reviewState !== "draft" ? (
        <ReviewBadge
          state={item.reviewState}
          onImage
          className="pointer-events-none absolute left-2 top-2 transition group-focus-within:opacity-0 group-hover:opacity-0"
        />
      ) : null}
      {item.checks === "failed" || item.checks === "passed" ? (
        <span
          className={`pointer-events-none absolute bottom-2 right-2 rounded-full px-2 py-0.5 text-2xs font-medium shadow ${item.checks === "failed" ? "bg-danger text-white" : "bg-canvas/90 text-success"}`}
          data-testid="tile-checks"
          title={item.checks === "failed" ? "A check failed: its text or brand is off" : "Its text reads as written and it keeps to its brand"}
        >
          {item.checks === "failed" ? "Checks ✗" : "Checks ✓"}
        </span>
      ) : null}
      {item.pack ? (
        // A pack is one entry: its sizes open on the pack's page; its other ratios are one filter away.
        <div className="absolute bottom-2 left-2 flex gap-1 text-2xs font-medium">
          <Link
            href={`/packs/${item.pack.id}`}
            tabIndex={focused ? 0 : -1}
            data-testid="tile-pack"
            className="rounded-full bg-canvas/90 px-2 py-0.5 text-ink shadow hover:bg-canvas"
          >
            Pack · {item.pack.placements} sizes
          </Link>
          {item.pack.images > 1 ? (
            <Link
              href={`/gallery?pack=${item.pack.id}`}
              tabIndex={focused ? 0 : -1}
              data-testid="tile-pack-expand"
              className="rounded-full bg-canvas/90 px-2 py-0.5 text-ink shadow hover:bg-canvas"
            >
              +{item.pack.images - 1} images
            </Link>
          ) : null}
        </div>
      ) : null}
      {canEdit ? (
        <FavoriteButton
          favorite={item.favorite}
          onToggle={onFavorite}
          className={`absolute right-2 top-2 ${item.favorite ? "" : "opacity-0 focus:opacity-100 group-hover:opacity-100"}`}
          tabIndex={focused ? 0 : -1}
        />
      ) : null}
    </div>
  );
}
