/**
 * The gallery's view as the browser knows it: which filters exist, how they sit in the address (so a view
 * can be bookmarked), and the shape of a page. No validation library here, so client bundles stay small;
 * the server checks values with gallery-filters.ts.
 */
import type { AspectRatio, ModelId } from "../segmind/catalog";
import type { ReviewState } from "../review/states";
import type { CheckStatus } from "../checks/findings";

export const GALLERY_PAGE_SIZE = 60;

export interface GalleryFilters {
  q?: string;
  model?: ModelId;
  ar?: AspectRatio;
  /** Inclusive days, YYYY-MM-DD (UTC). */
  from?: string;
  to?: string;
  fav?: "1";
  board?: string;
  /** A review state. */
  review?: ReviewState;
  /** One placement pack's images (the gallery otherwise shows a pack as one entry). */
  pack?: string;
  /** Images whose copy checks came out this way. */
  checks?: "failed" | "passed";
}

export const FILTER_KEYS = ["q", "model", "ar", "from", "to", "fav", "board", "review", "pack", "checks"] as const satisfies readonly (keyof GalleryFilters)[];

/** The filters as a query string, in a fixed order, for links that keep the view. */
export function filtersToQuery(filters: GalleryFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, String(filters[key]));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface GalleryItem {
  id: string;
  prompt: string;
  model: string;
  modelName: string;
  aspectRatio: string;
  seed: number;
  favorite: boolean;
  reviewState: ReviewState;
  createdAt: string;
  image: { id: string; url: string; thumbUrl: string; width: number; height: number };
  /** The placement pack this image stands for in the gallery (its newest finished image), with its size. */
  pack: { id: string; images: number; placements: number } | null;
  /** Where its copy checks stand, when it has copy. */
  checks: CheckStatus | null;
}

export interface GalleryPage {
  items: GalleryItem[];
  nextCursor: string | null;
}
