#!/usr/bin/env node
/**
 * `npm test`: every test, from nothing. Installs dependencies when missing, Debian's chromium when absent
 * (as root, through apt-get), runs Vitest (unit, contract and data layer) and then Playwright (the built
 * app against the simulator in real Chromium), and ends with one line: "N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, ensureSystemTools } from "./ensure-deps.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const log = (message) => console.log(`\n\x1b[33m▸\x1b[0m ${message}`);
const sh = (command, args, extraEnv = {}) => spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

ensureDependencies(root, log);

ensureSystemTools(log);

const reports = path.join(root, "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

log("Prettier, ESLint and TypeScript");
const lintStatus = sh("npx", ["prettier", "--check", "."]) || sh("npx", ["eslint", "--max-warnings=0", "."]) || sh("npx", ["tsc", "--noEmit"]);

log("Vitest: unit, contract and data-layer tests");
const vitestStatus = sh("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);

log("Playwright: end-to-end in Chromium against the built studio and the simulator");
const playwrightStatus = sh("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json") });

function read(file) {
  try {
    return JSON.parse(readFileSync(path.join(reports, file), "utf8"));
  } catch {
    return null;
  }
}
const vitest = read("vitest.json");
const playwright = read("playwright.json");
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed =
  (vitest ? vitest.numFailedTests : 1) +
  (playwright ? (playwright.stats?.unexpected ?? 0) : 1) +
  (vitestStatus !== 0 && !vitest?.numFailedTests ? 1 : 0) +
  (playwrightStatus !== 0 && !playwright?.stats?.unexpected ? 1 : 0) +
  (lintStatus !== 0 ? 1 : 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
