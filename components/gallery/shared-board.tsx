"use client";
import { useMemo, useRef, useState } from "react";
import type { RecipeRow } from "@/lib/generations/recipe-rows";
import { Lightbox } from "../ui/lightbox";
import { RecipeList } from "../ui/recipe-list";
import { buttonClass } from "../ui/button";
import { DownloadIcon } from "./generation-actions";
import { justifiedRows, useWidth } from "./justified-rows";

export interface SharedItem {
  id: string;
  src: string;
  thumbUrl: string;
  downloadUrl: string;
  width: number;
  height: number;
  alt: string;
  prompt: string;
  rows: RecipeRow[];
}

/**
 * A shared board for whoever holds the link: every image at its true shape (its prompt on hover), and a
 * lightbox with the whole prompt and the recipe (← → through the board, Esc back).
 */
export function SharedBoard({ items }: { items: SharedItem[] }) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, 1104);
  const layout = useMemo(() => justifiedRows(items, width), [items, width]);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <div ref={container} className="relative" style={{ height: layout.height }} data-testid="shared-grid">
        {layout.rows.flatMap((row) =>
          row.boxes.map((box) => {
            const item = items[box.index]!;
            return (
              <button
                key={item.id}
                type="button"
                data-testid="shared-item"
                onClick={() => setOpen(box.index)}
                className="group absolute overflow-hidden rounded-card bg-raised text-left shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
                style={{ top: row.top, left: box.left, width: box.width, height: box.height }}
                aria-label={`View: ${item.prompt.slice(0, 80)}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails through the link */}
                <img src={item.thumbUrl} alt="" loading="lazy" className="h-full w-full object-cover" data-testid="tile-image" />
                <span className="pointer-events-none absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/75 to-transparent px-2.5 pb-2 pt-6 text-xs text-white opacity-0 transition group-hover:opacity-100 group-focus-visible:opacity-100">
                  <span className="line-clamp-3">{item.prompt}</span>
                </span>
              </button>
            );
          }),
        )}
      </div>
      {open !== null ? (
        <Lightbox
          items={items}
          index={open}
          onIndex={setOpen}
          onClose={() => setOpen(null)}
          aside={(item) => (
            <div className="space-y-4">
              <a href={item.downloadUrl} download className={buttonClass("primary", "w-full py-2.5")}>
                <DownloadIcon /> Download
              </a>
              <p className="whitespace-pre-wrap text-sm leading-relaxed" data-testid="lightbox-prompt">
                {item.prompt}
              </p>
              <RecipeList rows={item.rows} />
            </div>
          )}
        />
      ) : null}
    </>
  );
}
