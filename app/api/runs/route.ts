import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api";
import { fetchRunsPage } from "@/lib/generations/runs";

/** The studio's run history, a page at a time (`?cursor=` from the previous page). */
export const GET = withUser(async (request, userId) => {
  const page = await fetchRunsPage(userId, new URL(request.url).searchParams.get("cursor"));
  if ("error" in page) return jsonError(400, page.error);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
