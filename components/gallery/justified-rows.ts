/**
 * Images at their true shape in rows of equal height that fill the width, as photo tools lay them out
 * (Flickr's justified-layout does the packing). Rows are what the gallery virtualizes.
 */
import justifiedLayout from "justified-layout";
import { useLayoutEffect, useState } from "react";

export interface Box {
  index: number;
  left: number;
  width: number;
  height: number;
}
export interface Row {
  top: number;
  height: number;
  boxes: Box[];
}

export const GAP = 12;

/** Row height for the width: about two tiles across a phone, five or six on a wide screen. */
export function targetRowHeight(width: number) {
  return width < 500 ? 150 : width < 1000 ? 200 : 240;
}

export function justifiedRows(sizes: { width: number; height: number }[], containerWidth: number): { rows: Row[]; height: number } {
  if (!sizes.length || containerWidth <= 0) return { rows: [], height: 0 };
  const target = targetRowHeight(containerWidth);
  const layout = justifiedLayout(sizes, {
    containerWidth,
    containerPadding: 0,
    boxSpacing: GAP,
    targetRowHeight: target,
    targetRowHeightTolerance: 0.3,
    // The last, unfinished row keeps the target height instead of stretching one image across the page.
    widowLayoutStyle: "left",
  });
  const rows: Row[] = [];
  layout.boxes.forEach((box, index) => {
    const last = rows.at(-1);
    const entry = { index, left: box.left, width: box.width, height: box.height };
    if (last && Math.abs(last.top - box.top) < 0.5) last.boxes.push(entry);
    else rows.push({ top: box.top, height: box.height, boxes: [entry] });
  });
  return { rows, height: layout.containerHeight };
}

/** The width of an element, kept current as the window resizes (a desktop guess before the first measure). */
export function useWidth(element: React.RefObject<HTMLElement | null>, initial = 1232) {
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}
