import "server-only";
/**
 * Variable grids (issue 15): one template recipe and a table of variants, made as one run — every cell a normal
 * generation with its own idempotency key (`<key>-<index>`), all or none, under the budget lock — and followed as
 * a matrix. The table is checked whole first (lib/grids/template): nothing runs while any problem is left.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { generations, gridCells, grids, packAssets, type Generation, type Grid, type PackAsset } from "../db/schema";
import { createRuns, randomSeed, recipeFrom, withImages, type BatchResult } from "../generations";
import { cancelBatch } from "../generations/queue";
import { fingerprintOf, isSettled, type GenerationView } from "../generations/view";
import { fieldErrors, recipeSchema } from "../segmind/schema";
import { estimatedPriceUsd } from "../segmind/catalog";
import { composePrompt } from "../copy";
import { budgetOf, type Budget } from "../workspaces/budget";
import { isUuid } from "../ids";
import { refusal, type Actor, type Scope } from "../workspaces/actor";
import {
  checkTable,
  fill,
  parseCsv,
  rowRecipe,
  tableOfRows,
  tableWarnings,
  variablesOf,
  type GridProblem,
  type GridTable,
  type GridTemplate,
} from "./template";
import type { Placement } from "../placements/catalog";
import { placementById, resolvePlacements, planPack } from "../placements";
import { insertPack, sourceRecipe, withKitVersion } from "../packs";
import { isModelId, type ModelId } from "../segmind/catalog";

export type Admit = (costUsd: number) => Promise<string | null>;

export interface GridPreview {
  jobs: number;
  estimatedCostUsd: number;
  variables: string[];
  columns: string[];
  /** The first rows' final prompts, as they will be sent. */
  samples: { row: number; prompt: string }[];
  /** What may not fit (a long translation, copy too long for a placement): shown, not blocking. */
  warnings: GridProblem[];
  /** What the workspace's monthly budget leaves (null: no budget). */
  budgetLeftUsd: number | null;
  overBudget: boolean;
}

export type GridResult =
  | { ok: true; dryRun: true; preview: GridPreview }
  | { ok: true; dryRun?: false; grid: GridView; duplicate: boolean }
  | { ok: false; status: number; error: string; errors?: GridProblem[]; fieldErrors?: Record<string, string>; budget?: Budget & { requestedUsd: number } };

/**
 * Checks a grid request — `template` (a recipe, with `{{variables}}` in its prompt and copy) and `csv` or `rows` —
 * and, unless `dryRun`, makes it. A retry with the same idempotency key answers with the grid it made.
 */
export async function createGrid(
  actor: Actor,
  body: Record<string, unknown>,
  { idempotencyKey, dryRun = false, admit }: { idempotencyKey?: string; dryRun?: boolean; admit?: Admit } = {},
): Promise<GridResult> {
  const denied = refusal(actor, "generate");
  if (denied) return { ok: false, status: 403, error: denied };
  if (idempotencyKey !== undefined && !/^[\w-]{8,80}$/.test(idempotencyKey))
    return { ok: false, status: 400, error: "Idempotency-Key: use 8 to 80 letters, digits, - or _ (a UUID fits), or leave the header out." };
  if (idempotencyKey && !dryRun) {
    const existing = await gridByKey(actor, idempotencyKey);
    if (existing) return { ok: true, grid: (await gridView(actor, existing.id))!, duplicate: true };
  }

  const template = body.template;
  if (!template || typeof template !== "object" || Array.isArray(template) || typeof (template as GridTemplate).prompt !== "string")
    return { ok: false, status: 400, error: "template: the recipe to fill in, with a prompt (variables as {{name}})." };
  const read =
    typeof body.csv === "string"
      ? parseCsv(body.csv)
      : body.rows !== undefined
        ? tableOfRows(body.rows)
        : { table: { columns: [], rows: [] }, problems: [{ row: 1, column: "", message: "Send the table as csv (text) or rows (a list of objects)." }] };
  // A row the file could not be read right on (a quote never closed) shows that problem, not what follows from it.
  const unreadable = new Set(read.problems.filter((p) => p.row > 1).map((p) => p.row));
  const problems = [...read.problems, ...checkTable(template as GridTemplate, read.table).filter((p) => !unreadable.has(p.row))];
  // Placements as columns: every row is made as a pack of them (one generation per distinct ratio).
  const columns = body.placements === undefined || body.placements === null ? null : resolvePlacements({ placements: body.placements });
  if (columns?.unknown.length) problems.push({ row: 1, column: "placements", message: `Unknown placements: ${columns.unknown.join(", ")}.` });
  if (columns && columns.placements.length === 0 && !columns.unknown.length)
    problems.push({ row: 1, column: "placements", message: "Choose at least one placement, or leave placements out." });
  const model = (template as GridTemplate).model;
  if (columns && !isModelId(model)) problems.push({ row: 1, column: "model", message: "Pick Nano Banana 2 or Nano Banana 2 Lite." });
  const pinned = await withKitVersion(actor, template as GridTemplate);
  const recipes = problems.length ? [] : read.table.rows.map((values) => rowRecipe(pinned as GridTemplate, values));
  // Each row's recipe as the studio would check it: a problem names the row (the column when one is to blame).
  for (const [i, recipe] of recipes.entries()) {
    const checked = recipeSchema.safeParse(recipe);
    if (!checked.success)
      for (const [field, message] of Object.entries(fieldErrors(checked.error)))
        problems.push({ row: i + 2, column: columnFor(field, template as GridTemplate), message });
  }
  if (problems.length) return tableRefused(problems.sort((a, b) => a.row - b.row));

  const plan = columns ? planPack(columns.placements, model as ModelId) : null;
  // Each row's runs: its recipe, or one per ratio of the plan, all with the row's one seed.
  const runs = recipes.map((recipe) => {
    if (!plan) return [recipe];
    const seed = typeof recipe.seed === "number" ? recipe.seed : randomSeed();
    return plan.sources.map((source) => sourceRecipe(recipe, { ratio: source.ratio, resolution: source.resolution, seed, draft: null }));
  });
  const preview = await previewOf(actor, template as GridTemplate, read.table, runs.flat(), columns?.placements ?? null);
  if (dryRun) return { ok: true, dryRun: true, preview };

  let gridId: string | null = null;
  const made: BatchResult = await createRuns(actor, runs.flat(), {
    idempotencyKey,
    admit,
    within: async (tx, generated) => {
      const perRow = runs[0]?.length ?? 1;
      const packIds: (string | null)[] = [];
      for (const [i, rowRuns] of runs.entries()) {
        const mine = generated.slice(i * perRow, (i + 1) * perRow);
        packIds.push(
          plan && columns
            ? await insertPack(
                tx,
                actor,
                { model: model as ModelId, recipe: { ...recipes[i]!, seed: rowRuns[0]!.seed }, placements: columns.placements, plan, draft: null },
                mine,
              )
            : null,
        );
      }
      const [grid] = await tx
        .insert(grids)
        .values({
          workspaceId: actor.workspaceId,
          userId: actor.userId,
          template: template as Record<string, unknown>,
          columns: read.table.columns,
          rowCount: read.table.rows.length,
          placementIds: columns ? columns.placements.map((p) => p.id) : null,
          idempotencyKey: idempotencyKey ?? null,
        })
        .returning({ id: grids.id });
      gridId = grid!.id;
      await tx
        .insert(gridCells)
        .values(read.table.rows.map((values, i) => ({ gridId: gridId!, row: i + 2, values, generationId: generated[i * perRow]!.id, packId: packIds[i] })));
    },
  });
  if (!made.ok) return { ok: false, status: made.status ?? 400, error: made.error, fieldErrors: made.fieldErrors, budget: made.budget };
  const id = gridId ?? (idempotencyKey ? (await gridByKey(actor, idempotencyKey))?.id : null);
  const view = id ? await gridView(actor, id) : null;
  if (!view) return { ok: false, status: 500, error: "The grid could not be read back." };
  return { ok: true, grid: view, duplicate: made.duplicate };
}

function tableRefused(problems: GridProblem[]): GridResult {
  const first = problems[0]!;
  return {
    ok: false,
    status: 400,
    error: `${problems.length} problem${problems.length === 1 ? "" : "s"} in the table; nothing was run. Row ${first.row}${first.column ? `, ${first.column}` : ""}: ${first.message}`,
    errors: problems,
  };
}

/** The column behind a recipe field's error: the variable its template text uses, or the field's own name. */
function columnFor(field: string, template: GridTemplate): string {
  const text = field === "prompt" ? template.prompt : field === "copy" ? Object.values(template.copy ?? {}).join(" ") : "";
  return variablesOf({ prompt: text })[0] ?? (field === "language" ? "locale" : field);
}

async function previewOf(
  scope: Scope,
  template: GridTemplate,
  table: GridTable,
  recipes: Record<string, unknown>[],
  placements: Placement[] | null,
): Promise<GridPreview> {
  const perRow = placements?.length ?? 1;
  let cost = 0;
  for (const recipe of recipes) {
    const parsed = recipeSchema.parse(recipe);
    cost += estimatedPriceUsd(parsed.model, parsed.output_resolution);
  }
  cost = Math.round(cost * 10_000) / 10_000;
  const budget = await budgetOf(scope.workspaceId);
  const left = budget.monthlyUsd === null ? null : Math.max(0, Math.round((budget.monthlyUsd - budget.spentUsd - budget.reservedUsd) * 10_000) / 10_000);
  return {
    jobs: table.rows.length * perRow,
    estimatedCostUsd: cost,
    variables: variablesOf(template),
    columns: table.columns,
    samples: table.rows.slice(0, 3).map((values, i) => {
      const recipe = rowRecipe(template, values);
      return { row: i + 2, prompt: composePrompt(fill(template.prompt, values), recipe.copy as Record<string, string> | undefined) };
    }),
    warnings: tableWarnings(template, table, placements ?? []),
    budgetLeftUsd: left,
    overBudget: left !== null && cost > left + 1e-9,
  };
}

export interface GridAssetView {
  placementId: string;
  name: string;
  status: "waiting" | "ready" | "failed";
  width: number;
  height: number;
  bytes: number | null;
  sha256: string | null;
  url: string | null;
}

export interface GridCellView {
  row: number;
  values: Record<string, string>;
  /** The row's first (often only) generation. */
  generation: GenerationView | null;
  /** Every generation of the row: one, or one per ratio when the grid has placements. */
  generations: GenerationView[];
  /** With placements: one file per placement, derived from the row's generations. */
  packId: string | null;
  assets: GridAssetView[];
  status: "waiting" | "completed" | "failed";
}

export interface GridView {
  id: string;
  createdAt: string;
  template: Record<string, unknown>;
  columns: string[];
  variables: string[];
  placementIds: string[] | null;
  /** Cells × placements (× 1 without placements). */
  jobs: number;
  /** Rows whose every image (and file) is made, and rows with a failed generation. */
  completed: number;
  failed: number;
  /** In jobs (files, with placements): how many are made, and how many failed. */
  progress: { done: number; failed: number };
  /** Nothing more will change on its own: every cell completed or failed, and checked. */
  done: boolean;
  /** Changes whenever a cell does: a watcher waits for another one (`?known=`). */
  fingerprint: string;
  estimatedCostUsd: number;
  cells: GridCellView[];
}

export async function gridView(scope: Scope, id: string): Promise<GridView | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [grid] = await db
    .select()
    .from(grids)
    .where(and(eq(grids.id, id), eq(grids.workspaceId, scope.workspaceId)));
  if (!grid) return null;
  const cells = await db.select().from(gridCells).where(eq(gridCells.gridId, id)).orderBy(asc(gridCells.row));
  const packIds = cells.flatMap((c) => (c.packId ? [c.packId] : []));
  const ids = cells.flatMap((c) => (c.generationId && !c.packId ? [c.generationId] : []));
  const [single, ofPacks, assets] = await Promise.all([
    ids.length ? db.select().from(generations).where(inArray(generations.id, ids)) : Promise.resolve([] as Generation[]),
    packIds.length ? db.select().from(generations).where(inArray(generations.packId, packIds)) : Promise.resolve([] as Generation[]),
    packIds.length ? db.select().from(packAssets).where(inArray(packAssets.packId, packIds)) : Promise.resolve([] as PackAsset[]),
  ]);
  const views = await withImages([...single, ...ofPacks]);
  const byId = new Map(views.map((v) => [v.id, v]));
  const cellViews: GridCellView[] = cells.map((c) => {
    // A pack's row: its current sources are the generations its assets point at (a retried one replaces the failed).
    const mine = c.packId ? assets.filter((a) => a.packId === c.packId) : [];
    const sourceIds = c.packId ? [...new Set(mine.map((a) => a.generationId))] : c.generationId ? [c.generationId] : [];
    const rowGenerations = sourceIds.flatMap((g) => byId.get(g) ?? []).sort((a, b) => a.batchIndex - b.batchIndex);
    const order = grid.placementIds ?? [];
    const rowAssets = mine
      .sort((a, b) => order.indexOf(a.placementId) - order.indexOf(b.placementId))
      .map((a) => ({
        placementId: a.placementId,
        name: placementById(a.placementId)?.name ?? a.placementId,
        status: byId.get(a.generationId)?.status === "failed" ? ("failed" as const) : a.status,
        width: a.width,
        height: a.height,
        bytes: a.bytes,
        sha256: a.sha256,
        url: a.status === "ready" ? `/api/packs/assets/${a.id}?v=${a.sha256?.slice(0, 12)}` : null,
      }));
    const failed = rowGenerations.some((g) => g.status === "failed");
    const made = rowGenerations.length > 0 && rowGenerations.every((g) => g.status === "completed") && rowAssets.every((a) => a.status === "ready");
    return {
      row: c.row,
      values: c.values,
      generation: rowGenerations[0] ?? null,
      generations: rowGenerations,
      packId: c.packId,
      assets: rowAssets,
      status: failed ? "failed" : made ? "completed" : "waiting",
    };
  });
  const perRow = grid.placementIds?.length ?? 1;
  return {
    id: grid.id,
    createdAt: grid.createdAt.toISOString(),
    template: grid.template,
    columns: grid.columns,
    variables: variablesOf(grid.template as GridTemplate),
    placementIds: grid.placementIds,
    jobs: cellViews.length * perRow,
    completed: cellViews.filter((c) => c.status === "completed").length,
    progress: {
      done: cellViews.reduce((n, c) => n + (c.packId ? c.assets.filter((a) => a.status === "ready").length : c.status === "completed" ? 1 : 0), 0),
      failed: cellViews.reduce((n, c) => n + (c.packId ? c.assets.filter((a) => a.status === "failed").length : c.status === "failed" ? 1 : 0), 0),
    },
    failed: cellViews.filter((c) => c.status === "failed").length,
    done: cellViews.every((c) => c.status === "failed" || (c.status === "completed" && c.generations.every(isSettled))),
    fingerprint: cellViews.map((c) => `${c.generations.map(fingerprintOf).join("+")}/${c.assets.map((a) => a.status[0]).join("")}`).join(","),
    estimatedCostUsd: Math.round(views.reduce((sum, v) => sum + v.estimatedCostUsd, 0) * 10_000) / 10_000,
    cells: cellViews,
  };
}

/** The workspace's grids, newest first. */
export async function listGrids(scope: Scope, limit = 50): Promise<Grid[]> {
  const db = await getDb();
  return db.select().from(grids).where(eq(grids.workspaceId, scope.workspaceId)).orderBy(desc(grids.createdAt)).limit(limit);
}

/**
 * The failed cells run again, only those, as they were (same recipe and seed), as one run; each cell then follows
 * its retry (the failed generation is kept, linked as its source). Idempotent with a key.
 */
export async function retryFailedCells(
  actor: Actor,
  gridId: string,
  { idempotencyKey, admit }: { idempotencyKey?: string; admit?: Admit } = {},
): Promise<{ ok: true; retried: number; grid: GridView } | { ok: false; status: number; error: string }> {
  const view = await gridView(actor, gridId);
  if (!view) return { ok: false, status: 404, error: "No such grid." };
  // Every failed generation of every row (a pack's row may have failed in one ratio only).
  const failed = view.cells.flatMap((cell) => cell.generations.filter((g) => g.status === "failed").map((g) => ({ cell, failedId: g.id })));
  if (failed.length === 0) return { ok: true, retried: 0, grid: view };
  const db = await getDb();
  const sources = await db
    .select()
    .from(generations)
    .where(
      inArray(
        generations.id,
        failed.map((f) => f.failedId),
      ),
    );
  const byId = new Map(sources.map((g) => [g.id, g]));
  const made = await createRuns(
    actor,
    failed.map((f) => recipeFrom(byId.get(f.failedId)!)),
    {
      idempotencyKey,
      admit,
      within: async (tx, retries) => {
        for (const [i, { cell, failedId }] of failed.entries()) {
          const retry = retries[i]!.id;
          await tx.update(generations).set({ sourceId: failedId, sourceKind: "retry", packId: cell.packId }).where(eq(generations.id, retry));
          if (cell.packId) {
            // The pack's files made from the failed image wait for its retry instead.
            await tx
              .update(packAssets)
              .set({ generationId: retry, status: "waiting", error: null, updatedAt: new Date() })
              .where(and(eq(packAssets.packId, cell.packId), eq(packAssets.generationId, failedId)));
          }
          if (cell.generation?.id === failedId)
            await tx
              .update(gridCells)
              .set({ generationId: retry })
              .where(and(eq(gridCells.gridId, gridId), eq(gridCells.row, cell.row)));
        }
      },
    },
  );
  if (!made.ok) return { ok: false, status: made.status ?? 400, error: made.error };
  return { ok: true, retried: made.duplicate ? 0 : failed.length, grid: (await gridView(actor, gridId))! };
}

/** Cancels the grid's cells not sent to Segmind yet (nothing is charged for them); the ones on their way carry on. */
export async function cancelGrid(actor: Actor, gridId: string): Promise<{ ok: true; cancelled: number } | { ok: false; status: number; error: string }> {
  const view = await gridView(actor, gridId);
  if (!view) return { ok: false, status: 404, error: "No such grid." };
  const batches = new Set(view.cells.flatMap((c) => c.generations.flatMap((g) => (g.status === "queued" && g.batchId ? [g.batchId] : []))));
  let cancelled = 0;
  for (const batchId of batches) {
    const done = await cancelBatch(actor, batchId);
    if (done.ok) cancelled += done.cancelled;
  }
  return { ok: true, cancelled };
}

async function gridByKey(scope: Scope, key: string): Promise<Grid | undefined> {
  const db = await getDb();
  const [grid] = await db
    .select()
    .from(grids)
    .where(and(eq(grids.workspaceId, scope.workspaceId), eq(grids.idempotencyKey, key)))
    .limit(1);
  return grid;
}
