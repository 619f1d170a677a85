import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/api/health";

/** Public on purpose, for uptime monitors: it names components and their state, nothing about users. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
