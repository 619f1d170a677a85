/**
 * A real stack for data-layer tests: the Segmind simulator on a free loopback port, a fresh data folder,
 * and the database (PGlite in that folder, or PostgreSQL when DATABASE_URL is set). Test files mock
 * next-auth's session with `session` below (vi.mock must sit in the test file itself).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator, type Simulator } from "@/lib/segmind/simulator/server";

export const session = { userId: null as string | null };

export async function startStack(options: { latencyMs?: number } = {}): Promise<Simulator> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs ?? 150, rpm: 0 });
  process.env.SIMULATOR_URL = simulator.url;
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "nano-studio-test-"));
  process.env.AUTH_SECRET = "test-secret-test-secret-test-secret";
  process.env.POLL_INTERVAL_MS = "300";
  process.env.INSTANCE_ID = "vitest";
  delete process.env.SEGMIND_API_KEY;
  return simulator;
}

export async function newUser(name = "Tester") {
  const { createUser } = await import("@/lib/auth/users");
  const created = await createUser({ name, email: `${name.toLowerCase()}-${Date.now()}-${Math.random()}@example.com`, password: "long enough password" });
  if (!created.ok) throw new Error(created.error);
  return created.user;
}

/** Catches Next's redirect() and returns where it pointed. */
export async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    throw error;
  }
  throw new Error("expected a redirect");
}
