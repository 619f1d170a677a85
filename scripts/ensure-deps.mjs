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

/**
 * Debian's chromium (the browser Playwright drives), the DejaVu fonts and the command-line tools the tests use;
 * installed through apt-get when missing and running as root. Shared by `npm test` and `npm run bench`.
 */
export function ensureSystemTools(log, chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium") {
  const fontsMissing = !existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  // curl and jq run the "copy as code" curl snippet against the simulator as a user would paste it; python3 parses the Python one.
  const has = (tool) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
  const toolsMissing = !has("jq") || !has("curl") || !has("python3");
  if (existsSync(chromium) && !fontsMissing && !toolsMissing) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium (${chromium}), the DejaVu fonts, curl, jq or python3 are missing: install them with 'apt-get install chromium fonts-dejavu-core curl jq python3'.`,
    );
    process.exit(1);
  }
  log("Installing Debian's chromium, fonts, curl, jq and python3 (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const installed = spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-dejavu-core", "curl", "jq", "python3"], { stdio: "inherit", env });
  if (installed.status !== 0) process.exit(1);
}
