/**
 * The gallery's filters as they live in the URL (so a view can be bookmarked), and the shape of a gallery
 * page. Plain module: the server parses with it, the filter bar builds links with it.
 */
import { z } from "zod";
import { ASPECT_RATIOS, MODEL_IDS } from "../segmind/catalog";

export const GALLERY_PAGE_SIZE = 60;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.").refine((v) => !Number.isNaN(Date.parse(v)), "Not a real date.");

/** Each filter is checked on its own: one bad value is reported and dropped, the others still apply. */
const FILTER_FIELDS = {
  q: z.string().trim().min(1).max(200, "Search for at most 200 characters."),
  model: z.enum(MODEL_IDS, { error: "Unknown model." }),
  ar: z.enum(ASPECT_RATIOS, { error: "Unknown aspect ratio." }),
  from: day,
  to: day,
  fav: z.literal("1", { error: "Use fav=1 for favorites only." }),
  board: z.uuid({ error: "Unknown board." }),
} as const;

export type GalleryFilters = { [K in keyof typeof FILTER_FIELDS]?: z.infer<(typeof FILTER_FIELDS)[K]> };
export const FILTER_KEYS = Object.keys(FILTER_FIELDS) as (keyof GalleryFilters)[];

export function parseGalleryFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): {
  filters: GalleryFilters;
  errors: Record<string, string>;
} {
  const get = (key: string) => (params instanceof URLSearchParams ? params.get(key) : [params[key]].flat()[0]) ?? undefined;
  const filters: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const raw = get(key);
    if (raw === undefined || raw === "") continue;
    const parsed = FILTER_FIELDS[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? "Invalid value.";
  }
  return { filters: filters as GalleryFilters, errors };
}

export interface GalleryItem {
  id: string;
  prompt: string;
  model: string;
  modelName: string;
  aspectRatio: string;
  seed: number;
  favorite: boolean;
  createdAt: string;
  image: { id: string; thumbUrl: string; width: number; height: number };
}

export interface GalleryPage {
  items: GalleryItem[];
  nextCursor: string | null;
}

/** The filters as a query string, in a fixed order, for links that keep the view. */
export function filtersToQuery(filters: GalleryFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, String(filters[key]));
  const text = params.toString();
  return text ? `?${text}` : "";
}
