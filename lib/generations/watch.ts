import "server-only";
/**
 * Long polls of the user's jobs, shared by the status routes. Reading never calls Segmind (the worker does):
 * this only waits for the worker's news, or for another instance's, by re-reading every second.
 */
import { waitForAnyJobChange } from "../jobs/events";
import { fetchGenerationViews } from ".";
import { fingerprintOf, isFinal, isSettled, type GenerationView } from "./view";
import { scheduleChecks } from "../checks";
import type { Scope } from "../workspaces/actor";

export const MAX_WAIT_MS = 20_000;

export type WatchedView = GenerationView & { fingerprint: string };

/** `?wait=` as a bounded number of milliseconds. */
export function waitParam(url: URL): number {
  return Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get("wait")) || 0));
}

/**
 * The views of `ids` (the workspace's; others are skipped), once there is news: a job whose fingerprint
 * differs from `known` (when the caller says what it knows), every job settled (finished, its checks done), or
 * `waitMs` gone by.
 */
export async function watchGenerations(
  scope: Scope,
  ids: string[],
  options: { known?: Map<string, string>; waitMs: number; signal: AbortSignal },
): Promise<WatchedView[]> {
  const { known, waitMs, signal } = options;
  const deadline = Date.now() + waitMs;
  let views = await fetchGenerationViews(scope, ids);
  // A check left pending by a restart runs again now that someone is looking.
  for (const view of views) if (isFinal(view.status) && view.checks?.status === "pending") void scheduleChecks(view.id);
  const news = () => views.every(isSettled) || (known !== undefined && views.some((v) => known.get(v.id) !== fingerprintOf(v)));
  while (!news() && Date.now() < deadline && !signal.aborted) {
    // Woken at once by this instance's worker; re-read every second in case another instance moved a job.
    await waitForAnyJobChange(
      views.map((v) => v.id),
      Math.min(1000, deadline - Date.now()),
      signal,
    );
    views = await fetchGenerationViews(scope, ids);
  }
  return views.map((v) => ({ ...v, fingerprint: fingerprintOf(v) }));
}
