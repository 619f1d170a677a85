/**
 * `grid_create_ms`: a variable grid of 500 rows × 1 column made through lib/grids — the table checked, every row's
 * recipe validated, 500 generations and their cells written in one transaction, the jobs queued (no worker runs:
 * the figure is the request, not the images) — in a fresh process on a fresh PGlite (or BENCH_DATABASE_URL).
 *
 *   tsx --conditions=react-server bench/grid-create.ts
 *
 * One cold grid (first queries, the planner's first plans) reported apart, then the median and worst of RUNS,
 * each grid with its own rows and idempotency key (nothing found already made).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "nano-grid-bench-"));
// The configuration asks for a session secret; this process signs no session.
process.env.AUTH_SECRET ??= "grid-bench-only-secret-not-used-for-sessions";
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
const { getDb } = await import("../lib/db");
const { users } = await import("../lib/db/schema");
const { addPersonalWorkspace, personalWorkspaceId } = await import("../lib/workspaces");
const { createGrid } = await import("../lib/grids");

const RUNS = 5;
const ROWS = 500;
const db = await getDb();
const [user] = await db
  .insert(users)
  .values({ email: `grid-bench-${Date.now()}@example.com`, name: "Grid bench", passwordHash: "x" })
  .returning();
await addPersonalWorkspace(db, user!.id);
const actor = { userId: user!.id, workspaceId: personalWorkspaceId(user!.id), role: "owner" as const };
const template = { model: "nano-banana-2-lite", prompt: "A lemonade can on {{background}}", copy: { headline: "{{headline}}", cta: "Shop now" } };

async function once(run: number): Promise<number> {
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    headline: `HEADLINE ${run}-${i}`,
    background: `scene ${i} of run ${run}`,
    locale: i % 3 ? "en" : "de-DE",
  }));
  const started = performance.now();
  const made = await createGrid(actor, { template, rows }, { idempotencyKey: `grid-bench-${run}-${Date.now()}` });
  const ms = performance.now() - started;
  if (!made.ok || made.dryRun || made.grid.jobs !== ROWS) throw new Error(`the grid was not made: ${JSON.stringify(made).slice(0, 300)}`);
  return ms;
}

const cold = await once(0);
const times: number[] = [];
for (let run = 1; run <= RUNS; run++) times.push(await once(run));
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({ rows: ROWS, coldMs: Math.round(cold), medianMs: Math.round(times[Math.floor(times.length / 2)]!), maxMs: Math.round(times.at(-1)!) }),
);
process.exit(0);
