import { NextResponse } from "next/server";
import { withUser } from "@/lib/api";
import { remainingCredits } from "@/lib/segmind/credits";

/** What is left on the Segmind account (US dollars), or null when Segmind does not say. */
export const GET = withUser(async () => NextResponse.json({ remainingUsd: await remainingCredits() }, { headers: { "cache-control": "no-store" } }));
