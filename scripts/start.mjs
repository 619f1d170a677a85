#!/usr/bin/env node
/**
 * `npm start` (and `npm run dev` with --dev): everything a fresh clone needs, in order.
 * 1. install dependencies when node_modules is missing or older than package-lock.json;
 * 2. build when there is no build or the sources changed since it (production only);
 * 3. keep a generated AUTH_SECRET in the data folder so sessions survive restarts;
 * 4. start the Segmind simulator when no SEGMIND_API_KEY is set;
 * 5. serve on PORT (default 3000). Migrations run as the server starts (instrumentation.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./ensure-deps.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const dev = process.argv.includes("--dev");
// glibc's per-thread malloc arenas fragment badly under sharp/libvips; two arenas keep the server's memory flat.
const env = { MALLOC_ARENA_MAX: "2", ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const log = (message) => console.log(`\x1b[33m▸\x1b[0m ${message}`);

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

// 1. Dependencies.
ensureDependencies(root, log);

// 2. Build, when the sources differ from the last build's.
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
function sourceHash() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    else hash.update(p).update(readFileSync(p));
  };
  for (const source of SOURCES) walk(path.join(root, source));
  return hash.digest("hex");
}
if (!dev) {
  const stamp = path.join(root, ".next", "nano-studio-source-hash");
  const current = sourceHash();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) ? readFileSync(stamp, "utf8") : "";
  if (built !== current) {
    log("Building the studio (next build)…");
    run("npx", ["next", "build"]);
    writeFileSync(stamp, current);
  }
}

// 3. Data folder and the session secret.
const dataDir = path.resolve(env.DATA_DIR || "./data");
mkdirSync(dataDir, { recursive: true });
if (!env.AUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
env.AUTH_TRUST_HOST ??= "true";
// The studio drains on SIGTERM itself (lib/shutdown.ts): hand the signals to it rather than exiting at once.
env.NEXT_MANUAL_SIG_HANDLE ??= "true";

// 4. The simulator, unless a real key (or an already running simulator) is configured.
const children = [];
if (!env.SEGMIND_API_KEY && !env.SIMULATOR_URL) {
  const port = env.SIMULATOR_PORT || "4010";
  env.SIMULATOR_URL = `http://127.0.0.1:${port}`;
  log(`No SEGMIND_API_KEY: starting the Segmind simulator on ${env.SIMULATOR_URL}`);
  children.push(
    spawn(path.join(root, "node_modules", ".bin", "tsx"), ["lib/segmind/simulator/main.ts"], { stdio: "inherit", env: { ...env, SIMULATOR_PORT: port } }),
  );
} else if (env.SEGMIND_API_KEY) {
  log("SEGMIND_API_KEY is set: talking to the real Segmind API.");
}

// 5. The studio.
const port = env.PORT || "3000";
log(`Nano Studio on http://localhost:${port}`);
const server = spawn(path.join(root, "node_modules", ".bin", "next"), [dev ? "dev" : "start", "-p", port], { stdio: "inherit", env });
children.push(server);

const stop = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
for (const child of children) {
  child.on("exit", (code) => {
    stop("SIGTERM");
    process.exitCode = code ?? 0;
  });
}
