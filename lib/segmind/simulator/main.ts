/**
 * `npm run simulator`: the Segmind simulator as a standalone server. Every knob is an environment variable,
 * documented in the README.
 */
import { startSimulator, type OutputShape } from "./server";

const env = process.env;
const number = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number (got "${raw}").`);
    process.exit(1);
  }
  return value;
};

const simulator = await startSimulator({
  port: number("SIMULATOR_PORT", 4010),
  host: env.SIMULATOR_HOST || "127.0.0.1",
  publicUrl: env.SIMULATOR_PUBLIC_URL || undefined,
  apiKeys: (env.SIMULATOR_API_KEYS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean),
  credits: number("SIMULATOR_CREDITS", 100),
  rpm: number("SIMULATOR_RPM", 120),
  latencyMs: number("SIMULATOR_LATENCY_MS", 3000),
  latencySpread: number("SIMULATOR_LATENCY_SPREAD", 0),
  retentionMs: number("SIMULATOR_RETENTION_MS", 60 * 60 * 1000),
  outputShape: (env.SIMULATOR_OUTPUT_SHAPE as OutputShape | undefined) || "url",
  v1Response: env.SIMULATOR_V1_RESPONSE === "json" ? "json" : "bytes",
  failureRate: number("SIMULATOR_FAILURE_RATE", 0),
  submitErrorRate: number("SIMULATOR_SUBMIT_ERROR_RATE", 0),
  pollErrorRate: number("SIMULATOR_POLL_ERROR_RATE", 0),
});
console.log(`Segmind simulator listening on ${simulator.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
