/**
 * Variable grids through the JSON API (issue 15): a preview that runs nothing, a bad table refused with every
 * problem by row and column (and nothing made), a grid of 500 rows made in one transaction and idempotent, 501
 * refused, and a retry that touches only the failed cells.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Simulator } from "@/lib/segmind/simulator/server";
import type { GridView } from "@/lib/grids";
import { newUser, session, startWorkingStack, stopWorkingStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
let userId: string;
const origin = { host: "studio.test", origin: "http://studio.test" };
const json = { ...origin, "content-type": "application/json" };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const template = { model: "nano-banana-2-lite", prompt: "A lemonade can on {{background}}", copy: { headline: "{{headline}}" } };

beforeAll(async () => {
  simulator = await startWorkingStack({ latencyMs: 50 });
  userId = (await newUser("Gina")).id;
  session.userId = userId;
  session.workspaceId = undefined;
});
afterAll(() => stopWorkingStack(simulator));

async function post(body: unknown, { dryRun = false, key }: { dryRun?: boolean; key?: string } = {}) {
  const { POST } = await import("@/app/api/v1/grids/route");
  return POST(
    new Request(`http://studio.test/api/v1/grids${dryRun ? "?dryRun=1" : ""}`, {
      method: "POST",
      headers: { ...json, ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    }),
    {},
  );
}

async function generationCount(): Promise<number> {
  const { getDb } = await import("@/lib/db");
  const { generations } = await import("@/lib/db/schema");
  const [row] = await (await getDb()).select({ n: count() }).from(generations).where(eq(generations.userId, userId));
  return row!.n;
}

const csv = ["headline,background,locale", '"Cold, crisp",a beach,en', "FIZZ,a park,en", "KALT,ein Strand,de-DE", "SPRUDEL,ein Park,de-DE", "FRÍO,una playa,es", "BURBUJAS,un parque,es"].join("\n");

describe("variable grids", () => {
  it("previews without running, and refuses a bad table with every problem by row and column", async () => {
    const before = await generationCount();
    const preview = await post({ template, csv }, { dryRun: true });
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as { jobs: number; estimatedCostUsd: number; samples: { row: number; prompt: string }[] };
    expect(body.jobs).toBe(6);
    expect(body.estimatedCostUsd).toBeCloseTo(6 * 0.04, 6);
    expect(body.samples[0]).toEqual({ row: 2, prompt: 'A lemonade can on a beach\n\nText in the image: render exactly these words, spelled exactly as written, legible, and no other text:\n- Headline: "Cold, crisp"' });

    const bad = await post({ template, csv: 'headline,background,colour\nA,b,red\nC,d,blue\n"E,f,green\n' });
    expect(bad.status).toBe(400);
    const refused = (await bad.json()) as { errors: { row: number; column: string; message: string }[] };
    expect(refused.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: "colour", message: expect.stringMatching(/^Unknown variable/) },
        { row: 4, column: "", message: 'A quoted cell is never closed (a " is missing).' },
      ]),
    );
    expect(await generationCount()).toBe(before);
  });

  it("makes one generation per row with its variables and locale, once per idempotency key", { timeout: 60_000 }, async () => {
    const first = await post({ template, csv }, { key: "grid-six-rows" });
    expect(first.status, await first.clone().text()).toBe(201);
    const made = (await first.json()) as { gridId: string; jobs: number; grid: GridView };
    expect(made.jobs).toBe(6);
    const again = await post({ template, csv }, { key: "grid-six-rows" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { gridId: string }).gridId).toBe(made.gridId);

    const { GET } = await import("@/app/api/v1/grids/[id]/route");
    let view: GridView | null = null;
    for (let i = 0; i < 10 && !view?.done; i++)
      view = (await (await GET(new Request(`http://studio.test/api/v1/grids/${made.gridId}?wait=10000`, { headers: origin }), ctx(made.gridId))).json()) as GridView;
    expect(view!.completed).toBe(6);
    expect(view!.cells.map((c) => [c.row, c.values.headline, c.generation?.language])).toEqual([
      [2, "Cold, crisp", "en"],
      [3, "FIZZ", "en"],
      [4, "KALT", "de-DE"],
      [5, "SPRUDEL", "de-DE"],
      [6, "FRÍO", "es"],
      [7, "BURBUJAS", "es"],
    ]);
    expect(view!.cells[2]!.generation!.copy).toEqual({ headline: "KALT" });
    expect(view!.cells[2]!.generation!.prompt).toMatch(/^A lemonade can on ein Strand/);

    // The export: a folder per row, and a manifest whose rows are the CSV's, each beside its file's real SHA-256.
    const { GET: exportZip } = await import("@/app/api/v1/grids/[id]/export/route");
    const response = await exportZip(new Request(`http://studio.test/api/v1/grids/${made.gridId}/export?by=row`, { headers: origin }), ctx(made.gridId));
    expect(response.headers.get("content-type")).toBe("application/zip");
    const { unzipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const Papa = (await import("papaparse")).default;
    const manifest = Papa.parse<Record<string, string>>(new TextDecoder().decode(files["manifest.csv"]), { header: true, skipEmptyLines: true }).data;
    const source = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(manifest.map((m) => [m.headline, m.background, m.locale])).toEqual(source.map((r) => [r.headline, r.background, r.locale]));
    const { createHash } = await import("node:crypto");
    for (const row of manifest) {
      expect(row.file).toMatch(/^row-\d{3}\/1x1\.(jpg|png)$/);
      expect(createHash("sha256").update(files[row.file!]!).digest("hex")).toBe(row.sha256);
    }
    const bad = await exportZip(new Request(`http://studio.test/api/v1/grids/${made.gridId}/export?by=colour`, { headers: origin }), ctx(made.gridId));
    expect(bad.status).toBe(400);
  });

  it("retries only the failed cells", { timeout: 60_000 }, async () => {
    const created = await post({ template, rows: [{ headline: "A", background: "sea" }, { headline: "B", background: "sea [sim:fail]" }, { headline: "C", background: "sky" }] });
    const { gridId } = (await created.json()) as { gridId: string };
    const { GET } = await import("@/app/api/v1/grids/[id]/route");
    let view: GridView | null = null;
    for (let i = 0; i < 10 && !view?.done; i++)
      view = (await (await GET(new Request(`http://studio.test/api/v1/grids/${gridId}?wait=10000`, { headers: origin }), ctx(gridId))).json()) as GridView;
    expect([view!.completed, view!.failed]).toEqual([2, 1]);
    const before = view!.cells.map((c) => c.generation!.id);
    const count = await generationCount();

    const { POST } = await import("@/app/api/v1/grids/[id]/retry/route");
    const retried = await POST(new Request(`http://studio.test/api/v1/grids/${gridId}/retry`, { method: "POST", headers: origin }), ctx(gridId));
    const body = (await retried.json()) as { retried: number; grid: GridView };
    expect(body.retried).toBe(1);
    expect(await generationCount()).toBe(count + 1);
    const after = body.grid.cells.map((c) => c.generation!.id);
    expect([after[0], after[2]]).toEqual([before[0], before[2]]);
    expect(after[1]).not.toBe(before[1]);
    expect(body.grid.cells[1]!.generation!.source).toEqual({ id: before[1], how: "retry" });
  });

  it("with placements as columns: a pack per row, 12 jobs for 6 rows × 2 placements, exported per placement", { timeout: 90_000 }, async () => {
    const placements = ["meta-stories", "x-square"];
    const preview = (await (await post({ template, csv, placements }, { dryRun: true })).json()) as { jobs: number; estimatedCostUsd: number };
    expect(preview.jobs).toBe(12);
    // Two ratios (9:16 and 1:1): two generations per row, twelve in all.
    expect(preview.estimatedCostUsd).toBeCloseTo(12 * 0.04, 6);
    const unknown = await post({ template, csv, placements: ["meta-stories", "billboard"] }, { dryRun: true });
    expect(((await unknown.json()) as { errors: unknown[] }).errors).toEqual([{ row: 1, column: "placements", message: "Unknown placements: billboard." }]);

    const created = await post({ template, csv, placements });
    expect(created.status, await created.clone().text()).toBe(201);
    const { gridId } = (await created.json()) as { gridId: string };
    const { GET } = await import("@/app/api/v1/grids/[id]/route");
    let view: GridView | null = null;
    for (let i = 0; i < 15 && !view?.done; i++)
      view = (await (await GET(new Request(`http://studio.test/api/v1/grids/${gridId}?wait=10000`, { headers: origin }), ctx(gridId))).json()) as GridView;
    expect(view!.done).toBe(true);
    expect(view!.jobs).toBe(12);
    for (const cell of view!.cells) {
      expect(cell.assets.map((a) => [a.placementId, a.status, a.width, a.height])).toEqual([
        ["meta-stories", "ready", 1080, 1920],
        ["x-square", "ready", 1200, 1200],
      ]);
      expect(cell.generations.map((g) => g.params.aspect_ratio).sort()).toEqual(["1:1", "9:16"]);
    }

    const { GET: exportZip } = await import("@/app/api/v1/grids/[id]/export/route");
    const zip = await exportZip(new Request(`http://studio.test/api/v1/grids/${gridId}/export?by=placement`, { headers: origin }), ctx(gridId));
    const { unzipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const Papa = (await import("papaparse")).default;
    const manifest = Papa.parse<Record<string, string>>(new TextDecoder().decode(files["manifest.csv"]), { header: true, skipEmptyLines: true }).data;
    expect(manifest).toHaveLength(12);
    expect(manifest.filter((m) => m.placement === "meta-stories").map((m) => m.file)).toEqual([2, 3, 4, 5, 6, 7].map((r) => `meta-stories/row-00${r}.jpg`));
    const { createHash } = await import("node:crypto");
    for (const row of manifest) expect(createHash("sha256").update(files[row.file!]!).digest("hex")).toBe(row.sha256);
  });

  it("makes 500 rows in one go, and refuses 501 with nothing made", { timeout: 60_000 }, async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ headline: `H${i}`, background: `scene ${i}` }));
    const before = await generationCount();
    const over = await post({ template, rows: rows(501) });
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe("A grid holds at most 500 rows; this one has 501.");
    expect(await generationCount()).toBe(before);

    // All or none: refused by the budget, nothing of it is written.
    const { setMonthlyBudget } = await import("@/lib/workspaces/budget");
    const { listWorkspaces } = await import("@/lib/workspaces");
    const workspaceId = (await listWorkspaces(userId))[0]!.id;
    expect((await setMonthlyBudget(userId, workspaceId, 5)).ok).toBe(true);
    const refused = await post({ template, rows: rows(500) }, { key: "grid-over-budget" });
    expect(refused.status).toBe(402);
    expect(await generationCount()).toBe(before);
    expect((await setMonthlyBudget(userId, workspaceId, null)).ok).toBe(true);

    const big = await post({ template, rows: rows(500) }, { dryRun: false, key: "grid-five-hundred" });
    expect(big.status, await big.clone().text()).toBe(201);
    const made = (await big.json()) as { jobs: number; gridId: string };
    expect(made.jobs).toBe(500);
    expect(await generationCount()).toBe(before + 500);
    // The same request again (a retry after a lost answer) is the same grid, and nothing more is made.
    const again = await post({ template, rows: rows(500) }, { key: "grid-five-hundred" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { gridId: string }).gridId).toBe(made.gridId);
    expect(await generationCount()).toBe(before + 500);
    // Cancel: what the worker has not sent yet is cancelled (nothing charged); what is on its way carries on.
    const { cancelGrid, gridView } = await import("@/lib/grids");
    const actor = { userId, workspaceId, role: "owner" as const };
    const cancelled = await cancelGrid(actor, made.gridId);
    if (!cancelled.ok) throw new Error(cancelled.error);
    expect(cancelled.cancelled).toBeGreaterThan(400);
    const view = (await gridView(actor, made.gridId))!;
    expect(view.cells.filter((c) => c.generation?.error?.code === "cancelled")).toHaveLength(cancelled.cancelled);
  });
});
