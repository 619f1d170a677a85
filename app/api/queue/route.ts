import { NextResponse } from "next/server";
import { withUser } from "@/lib/api";
import { fetchQueue } from "@/lib/generations/queue";

/** The user's unfinished jobs, for the queue panel on every page. */
export const GET = withUser(async (_request, userId) => {
  return NextResponse.json(await fetchQueue(userId), { headers: { "cache-control": "no-store" } });
});
