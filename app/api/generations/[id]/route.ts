import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api";
import { fetchGenerationView } from "@/lib/generations";

/** A job's state; while it runs, reading it also moves it along (at most one upstream call per interval). */
export const GET = withUser(async (_request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const view = await fetchGenerationView(userId, id);
  if (!view) return jsonError(404, "No such generation.");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
