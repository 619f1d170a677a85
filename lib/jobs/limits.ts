import "server-only";
import { config } from "../config";

/**
 * A cap on requests to Segmind in flight from this instance at once, across all users and jobs, so a burst
 * of work queues here rather than hammering the account's rate limit. A v1 call holds its slot for the whole
 * generation.
 */
const state = globalThis as unknown as { __nanoUpstream?: { active: number; waiting: (() => void)[] } };

export async function withUpstreamSlot<T>(task: () => Promise<T>): Promise<T> {
  const slots = (state.__nanoUpstream ??= { active: 0, waiting: [] });
  while (slots.active >= config().limits.upstreamConcurrency) {
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  }
  slots.active++;
  try {
    return await task();
  } finally {
    slots.active--;
    slots.waiting.shift()?.();
  }
}
