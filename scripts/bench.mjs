#!/usr/bin/env node
/**
 * `npm run bench`: every figure, from nothing. Installs what it needs as `npm test` does (dependencies, Debian's
 * chromium), then runs the benchmarks on the embedded default (PGlite). Where PostgreSQL is installed (or
 * BENCH_DATABASE_URL is given) it runs the PostgreSQL figures too — the burst, 100,000-generation gallery
 * and load — with `_postgres` after their names. BENCH_ONLY=… limits the first run to some benchmarks.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, ensureSystemTools } from "./ensure-deps.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const log = (message) => console.log(`\n\x1b[33m▸\x1b[0m ${message}`);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

ensureDependencies(root, log);
ensureSystemTools(log);

const bench = (extra) =>
  spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["bench/run.ts"], { stdio: "inherit", env: { ...env, ...extra } }).status ?? 1;

/** A PostgreSQL database for the bench: the one given, or a fresh one on the machine's own cluster (as root). */
function postgres() {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  const as = (...args) => spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" });
  if (process.getuid?.() !== 0 || spawnSync("sh", ["-c", "command -v pg_ctlcluster"], { stdio: "ignore" }).status !== 0) return null;
  const version = spawnSync("sh", ["-c", "ls /etc/postgresql | sort -n | tail -1"], { encoding: "utf8" }).stdout.trim();
  if (!version) return null;
  spawnSync("pg_ctlcluster", [version, "main", "start"], { stdio: "ignore" });
  for (let i = 0; i < 30 && as("pg_isready", "-q").status !== 0; i++) spawnSync("sleep", ["1"]);
  if (!as("psql", "-qtc", "SELECT 1 FROM pg_roles WHERE rolname='nano_bench'").stdout.includes("1")) {
    as("psql", "-qc", "CREATE ROLE nano_bench LOGIN SUPERUSER PASSWORD 'nano_bench'");
  }
  as("psql", "-qc", "DROP DATABASE IF EXISTS nano_bench");
  if (as("psql", "-qc", "CREATE DATABASE nano_bench OWNER nano_bench").status !== 0) return null;
  return "postgres://nano_bench:nano_bench@127.0.0.1:5432/nano_bench";
}

log("Benchmarks on the embedded default (PGlite)");
let status = bench({});
if (!env.BENCH_ONLY || env.BENCH_POSTGRES === "1") {
  const url = postgres();
  if (url) {
    log("Benchmarks on PostgreSQL");
    status ||= bench({ BENCH_DATABASE_URL: url, BENCH_ONLY: "burst,gallery", BENCH_SKIP_CHECKS_BURST: "1" });
  } else console.log("PostgreSQL is not available here (needs root and pg_ctlcluster, or BENCH_DATABASE_URL): its figures are skipped.");
}
process.exit(status);
