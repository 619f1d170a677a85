import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

/** `npm ci` when node_modules is missing or older than package-lock.json; shared by `npm start` and `npm test`. */
export function ensureDependencies(root, log) {
  const lock = path.join(root, "package-lock.json");
  const installed = path.join(root, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit", cwd: root });
  if (result.status !== 0) {
    console.error("npm ci failed.");
    process.exit(result.status ?? 1);
  }
}
