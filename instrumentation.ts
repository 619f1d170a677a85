/**
 * Runs once when the server starts: configuration is checked, migrations applied, and the job worker
 * started, so jobs advance whether or not a page is open.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  const { database } = await import("./lib/db");
  const settings = config();
  const { kind } = await database();
  // The URLs actually used, not the defaults: an operator who set SEGMIND_BASE_URL sees it took effect.
  console.log(`Nano Studio: database ${kind}, provider ${settings.provider} at ${settings.segmind.baseUrl} (storage ${settings.segmind.storageUrl})`);
  if (settings.worker.enabled) {
    const { startWorker } = await import("./lib/jobs/worker");
    startWorker();
    console.log(`Nano Studio: job worker ${settings.worker.instanceId} started`);
  }
  // Next.js leaves the signals to us when NEXT_MANUAL_SIG_HANDLE is set (scripts/start.mjs sets it);
  // otherwise it exits at once and a lease simply runs out instead.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { shutDownGracefully } = await import("./lib/shutdown");
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutDownGracefully(signal));
  }
}
