import "server-only";
/**
 * SIGTERM, as a deployment stops an instance: health answers 503 at once (a load balancer stops sending
 * requests), the worker takes no new jobs and lets its steps finish (up to 25 s), leases it still holds are
 * handed back, the database is closed, and the process exits.
 */
import { config } from "./config";
import { database } from "./db";
import { drainWorker } from "./jobs/worker";

const GRACE_MS = 25_000;
const state = globalThis as unknown as { __nanoDraining?: boolean };

export function isDraining(): boolean {
  return state.__nanoDraining === true;
}

export async function shutDownGracefully(signal: string): Promise<void> {
  if (state.__nanoDraining) return;
  state.__nanoDraining = true;
  const started = Date.now();
  console.log(`Nano Studio: ${signal} — draining ${config().worker.instanceId}`);
  try {
    const { finished, leftRunning } = await drainWorker(GRACE_MS);
    console.log(
      `Nano Studio: ${finished} step(s) finished, ${leftRunning} left to their leases, in ${Date.now() - started} ms; other instances take up the rest`,
    );
    await (await database()).close();
  } catch (error) {
    console.error("Nano Studio: could not drain cleanly; leases run out on their own", error);
  }
  process.exit(0);
}
