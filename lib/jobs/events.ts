import "server-only";
import { EventEmitter } from "node:events";

/**
 * In-process news of job changes, so a status request can answer the moment a job moves instead of at the
 * next poll. Another instance's changes are not heard here; waiters fall back to their timeout.
 */
const holder = globalThis as unknown as { __nanoJobEvents?: EventEmitter };
const events = (holder.__nanoJobEvents ??= new EventEmitter().setMaxListeners(0));

export function notifyJobChanged(id: string): void {
  events.emit(id);
}

/** Resolves when any of the jobs changes, or after `timeoutMs`, whichever comes first. */
export function waitForAnyJobChange(ids: string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const id of ids) events.off(id, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const id of ids) events.once(id, done);
    signal?.addEventListener("abort", done);
  });
}
