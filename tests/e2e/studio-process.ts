/**
 * Extra studio processes for tests that need their own (to kill, to share a database, or to start on
 * seeded data). They run the build the main web server made.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const AUTH_SECRET = "extra-studio-test-secret-0123456789abcdef";

export interface Studio {
  url: string;
  process: ChildProcess;
}

export async function startStudio(port: number, env: Record<string, string>): Promise<Studio> {
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    env: { ...process.env, AUTH_SECRET, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", POLL_INTERVAL_MS: "500", SIGNUP: "open", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[studio:${port}] ${d}`));
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, process: child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  throw new Error(`studio on ${port} did not start`);
}

export function kill(studio: Studio, signal: NodeJS.Signals = "SIGKILL") {
  try {
    process.kill(-studio.process.pid!, signal);
  } catch {
    // already gone
  }
}
