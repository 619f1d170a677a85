import "server-only";
/**
 * What is left on the Segmind account, in US dollars: asked of Segmind when the last figure is older than
 * 15 s, and updated from the `x-remaining-credits` every submit and result carries. Null when unknown (the
 * account does not say, or Segmind cannot be reached): then nothing is refused for it.
 */
import { segmind } from ".";

const FRESH_MS = 15_000;
const holder = globalThis as unknown as { __nanoCredits?: { usd: number; at: number } };

/** A figure Segmind just reported (a response header). */
export function noteRemainingCredits(usd: number | undefined | null): void {
  if (typeof usd === "number" && Number.isFinite(usd)) holder.__nanoCredits = { usd, at: Date.now() };
}

export async function remainingCredits(): Promise<number | null> {
  const known = holder.__nanoCredits;
  if (known && Date.now() - known.at < FRESH_MS) return known.usd;
  try {
    noteRemainingCredits(await segmind().credits());
  } catch {
    // Unknown is not zero: a run is then sent and Segmind itself answers if the account is empty.
    return known?.usd ?? null;
  }
  return holder.__nanoCredits?.usd ?? null;
}
