"use client";
import { useEffect, useRef } from "react";

export interface LightboxItem {
  id: string;
  src: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * One image large, the rest of the set a key away: ← → walk the items the page shows (filtered as it is),
 * Esc or the close button return to where the user was. What sits beside the image (its recipe and
 * actions) is the page's to say, since a shared page shows less than the owner's gallery.
 */
export function Lightbox<T extends LightboxItem>({
  items,
  index,
  onIndex,
  onClose,
  aside,
  onNearEnd,
}: {
  items: T[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
  aside?: (item: T) => React.ReactNode;
  /** Called when the walk comes close to the last loaded item, so the page can load more. */
  onNearEnd?: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const item = items[index];

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  useEffect(() => {
    if (index >= items.length - 3) onNearEnd?.();
  }, [index, items.length, onNearEnd]);

  const step = (by: number) => {
    const next = index + by;
    if (next >= 0 && next < items.length) onIndex(next);
  };

  // On the document, not the dialog: a button that becomes disabled at the end of the set drops focus to
  // the body, and the keys must keep working.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement | null)?.closest?.("input, textarea, select")) return;
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      event.preventDefault();
      const next = index + (event.key === "ArrowRight" ? 1 : -1);
      if (next >= 0 && next < items.length) onIndex(next);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [index, items.length, onIndex]);

  if (!item) return null;
  return (
    <dialog
      ref={dialog}
      aria-label="Image viewer"
      data-testid="lightbox"
      data-index={index}
      onClose={onClose}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-canvas/95 p-0 text-ink backdrop:bg-black/70"
    >
      <div className="flex h-full flex-col lg:flex-row">
        <div className="relative flex min-h-0 flex-1 items-center justify-center p-3 sm:p-6">
          {/* eslint-disable-next-line @next/next/no-img-element -- the original file, already sized */}
          <img
            key={item.id}
            src={item.src}
            alt={item.alt}
            width={item.width}
            height={item.height}
            data-testid="lightbox-image"
            className="max-h-full max-w-full rounded-control object-contain shadow-lg"
          />
          <button
            type="button"
            aria-label="Previous image"
            aria-keyshortcuts="ArrowLeft"
            disabled={index === 0}
            onClick={() => step(-1)}
            className="absolute left-2 top-1/2 h-11 w-11 -translate-y-1/2 rounded-full bg-surface/90 text-lg shadow disabled:opacity-0"
          >
            ‹
          </button>
          <button
            type="button"
            aria-label="Next image"
            aria-keyshortcuts="ArrowRight"
            disabled={index === items.length - 1}
            onClick={() => step(1)}
            className="absolute right-2 top-1/2 h-11 w-11 -translate-y-1/2 rounded-full bg-surface/90 text-lg shadow disabled:opacity-0"
          >
            ›
          </button>
        </div>
        <aside className="max-h-[45dvh] shrink-0 overflow-y-auto border-t border-line bg-surface p-4 lg:max-h-none lg:w-96 lg:border-l lg:border-t-0">
          <div className="mb-3 flex items-center justify-between">
            <span className="text-xs text-muted" data-testid="lightbox-position">
              {index + 1} of {items.length}
            </span>
            <button
              type="button"
              autoFocus
              onClick={() => dialog.current?.close()}
              aria-keyshortcuts="Escape"
              className="rounded-control px-2.5 py-1 text-sm text-muted hover:bg-raised hover:text-ink"
            >
              Close
            </button>
          </div>
          {aside?.(item)}
        </aside>
      </div>
    </dialog>
  );
}
