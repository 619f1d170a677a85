"use client";
import Link from "next/link";
import type { GalleryItem } from "@/lib/generations/gallery-query";
import { FavoriteButton } from "./favorite-button";

/** One image in the gallery grid: its thumbnail and caption link to the detail; select and favorite sit on top. */
export function GalleryTile({
  item,
  index,
  href,
  focused,
  selected,
  onFocus,
  onSelect,
  onFavorite,
}: {
  item: GalleryItem;
  index: number;
  href: string;
  /** The one tile in the tab order (roving tabindex). */
  focused: boolean;
  selected: boolean;
  onFocus: () => void;
  onSelect: () => void;
  onFavorite: () => void;
}) {
  return (
    <div
      role="gridcell"
      data-testid="gallery-item"
      data-generation-id={item.id}
      className={`group relative overflow-hidden rounded-card border bg-surface shadow-sm transition ${selected ? "border-accent ring-2 ring-accent" : "border-line hover:border-muted"}`}
    >
      <Link
        href={href}
        data-tile-index={index}
        tabIndex={focused ? 0 : -1}
        onFocus={onFocus}
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
      <FavoriteButton favorite={item.favorite} onToggle={onFavorite} className="absolute right-2 top-2" tabIndex={focused ? 0 : -1} />
    </div>
  );
}
