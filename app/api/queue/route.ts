import { NextResponse } from "next/server";
import { withActor } from "@/lib/api";
import { fetchQueue } from "@/lib/generations/queue";

/** The user's unfinished jobs, for the queue panel on every page. */
export const GET = withActor(async (_request, actor) => {
  return NextResponse.json(await fetchQueue(actor), { headers: { "cache-control": "no-store" } });
});
