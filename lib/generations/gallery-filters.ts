/**
 * Checks the gallery's filters from an address or an API call. Each filter is checked on its own: one bad
 * value is reported by name and dropped, the others still apply.
 */
import { z } from "zod";
import { ASPECT_RATIOS, MODEL_IDS } from "../segmind/catalog";
import { safeText } from "../validation";
import { REVIEW_STATES } from "../review/states";
import { FILTER_KEYS, type GalleryFilters } from "./gallery-query";

export * from "./gallery-query";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine((v) => !Number.isNaN(Date.parse(v)), "Not a real date.");

const FILTER_FIELDS = {
  q: safeText("The search", z.string().trim().min(1).max(200, "Search for at most 200 characters.")),
  model: z.enum(MODEL_IDS, { error: "Unknown model." }),
  ar: z.enum(ASPECT_RATIOS, { error: "Unknown aspect ratio." }),
  from: day,
  to: day,
  fav: z.literal("1", { error: "Use fav=1 for favorites only." }),
  board: z.uuid({ error: "Unknown board." }),
  pack: z.uuid({ error: "Unknown pack." }),
  checks: z.enum(["failed", "passed"], { error: "checks: failed or passed." }),
  review: z.enum(REVIEW_STATES, { error: `Use one of: ${REVIEW_STATES.join(", ")}.` }),
} satisfies Record<keyof GalleryFilters, z.ZodType>;

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
  return { filters: filters, errors };
}
