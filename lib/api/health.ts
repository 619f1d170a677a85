import "server-only";
import { sql } from "drizzle-orm";
import { config } from "../config";
import { database } from "../db";
import { getStorage } from "../storage";
import { isDraining } from "../shutdown";

type Check = { ok: boolean; error?: string };

async function attempt(fn: () => Promise<Record<string, unknown> | void>): Promise<Check & Record<string, unknown>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function checkHealth() {
  const { provider, segmind } = config();
  const [db, storage, upstream] = await Promise.all([
    attempt(async () => {
      const { db, kind } = await database();
      await db.execute(sql`select 1`);
      return { kind };
    }),
    attempt(async () => {
      const store = getStorage();
      await store.check();
      return { kind: store.kind };
    }),
    attempt(async () => {
      // Reachability only: no key is sent, and the key itself is never reported.
      const response = await fetch(segmind.baseUrl, { method: "HEAD", signal: AbortSignal.timeout(3000) });
      return { kind: provider, reachable: true, status: response.status };
    }),
  ]);
  return {
    // Stopping: 503, so a load balancer sends nothing new while the worker hands its jobs back.
    ok: db.ok && storage.ok && !isDraining(),
    draining: isDraining(),
    database: db,
    storage,
    provider: { ...upstream, kind: provider, ok: upstream.ok },
  };
}
