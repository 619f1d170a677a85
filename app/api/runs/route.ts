import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { fetchRunsPage } from "@/lib/generations/runs";

/** The studio's run history, a page at a time (`?cursor=` from the previous page). */
export const GET = withActor(async (request, actor) => {
  const page = await fetchRunsPage(actor, new URL(request.url).searchParams.get("cursor"));
  if ("error" in page) return jsonError(400, page.error);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
