import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { fetchGalleryPage } from "@/lib/generations/gallery";
import { parseGalleryFilters } from "@/lib/generations/gallery-filters";

/** One page of the gallery grid: `?cursor=` from the previous page, plus the filters of the view. */
export const GET = withActor(async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const { filters, errors } = parseGalleryFilters(params);
  const invalid = Object.entries(errors)[0];
  if (invalid) return jsonError(400, `${invalid[0]}: ${invalid[1]}`);
  const page = await fetchGalleryPage(actor, filters, { cursor: params.get("cursor") });
  if ("error" in page) return jsonError(400, page.error);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
