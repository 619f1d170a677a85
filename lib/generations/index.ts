import "server-only";
/**
 * Generations as data: created with their full recipe and an explicit seed, completed or failed, and read
 * back for the pages and routes. Nothing here calls Segmind: moving a job along (submitting, polling, storing
 * its answer) is the job pipeline's business, see lib/jobs.
 */
import { randomInt, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgInsertValue } from "drizzle-orm/pg-core";
import { config } from "../config";
import { getDb, type Db } from "../db";
import { boardItems, boards, generations, images, type Generation, type Image, type RecipeParams, type SourceKind, type Upload } from "../db/schema";
import { MAX_BATCH, MAX_REFERENCE_IMAGES, MODELS, SEED_RANGE, estimatedPriceUsd } from "../segmind/catalog";
import { isSegmindError } from "../segmind/errors";
import { fieldErrors, recipeSchema } from "../segmind/schema";
import { briefOf, composePrompt, filledCopy, type TextFix } from "../copy";
import { withKitBlock } from "../brand-kits/compose";
import { kitVersion, kitVersionNames } from "../brand-kits";
import { notifyJobChanged } from "../jobs/events";
import { getUploads } from "../images/uploads";
import { generationView, type GenerationView } from "./view";
import { isUuid } from "../ids";
import { refusal, type Actor, type Scope } from "../workspaces/actor";
import { boardBudgetOf, budgetOf, budgetRefusal, lockBudget, type Budget } from "../workspaces/budget";
import { recordAudit } from "../audit";

export type CreateResult = { ok: true; generation: Generation; duplicate: boolean } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function randomSeed(): number {
  return randomInt(SEED_RANGE.min, SEED_RANGE.max);
}

/**
 * Validates a recipe and records it as a queued generation; the worker sends it. With an idempotency key,
 * the same key returns the generation it already made instead of making (and paying for) another.
 */
/** Where a run came from when it was made from another image: its detail page links back ("from …"). */
export interface RunSource {
  generationId: string;
  how: SourceKind;
  /** The creative the new image is a version of (its source's; a retry keeps what the failed one had). */
  creativeId: string | null;
  /** A "fix the text" run: what was read wrong, for the prompt to name. */
  fix?: TextFix;
}

export async function createGeneration(
  actor: Actor,
  input: unknown,
  {
    idempotencyKey,
    batch,
    source,
    boardId,
    db: given,
  }: {
    idempotencyKey?: string;
    batch?: { id: string; index: number };
    source?: RunSource;
    boardId?: string;
    /** The transaction of a batch (which holds the workspace's budget lock). */
    db?: Db;
  } = {},
): Promise<CreateResult> {
  if (idempotencyKey !== undefined && !/^[\w-]{8,100}$/.test(idempotencyKey)) {
    return { ok: false, error: "Idempotency-Key: use 8 to 100 letters, digits, - or _ (a UUID fits), or leave the header out." };
  }
  const db = given ?? (await getDb());
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(actor, idempotencyKey, db);
    if (existing) return { ok: true, generation: existing, duplicate: true };
  }
  const prepared = await prepareGeneration(actor, input, { idempotencyKey, batch, source, boardId }, db, newLookups());
  if (!prepared.ok) return prepared;
  const [generation] = await db
    .insert(generations)
    .values(prepared.values)
    .onConflictDoNothing({ target: [generations.userId, generations.idempotencyKey] })
    .returning();
  if (!generation) {
    // Two submits with one key raced: the other one won, and it is the answer.
    const winner = await findByIdempotencyKey(actor, idempotencyKey!, db);
    return { ok: true, generation: winner!, duplicate: true };
  }
  return { ok: true, generation, duplicate: false };
}

type NewGeneration = PgInsertValue<typeof generations>;

/** What the recipes of one run share is read once: a brand kit, a set of reference uploads. */
interface Lookups {
  kits: Map<string, ReturnType<typeof kitVersion>>;
  uploads: Map<string, Promise<Upload[]>>;
}
const newLookups = (): Lookups => ({ kits: new Map(), uploads: new Map() });

/**
 * A recipe checked and turned into the row that records it: the kit applied (its images, style, palette and legal
 * line), the references found, the copy composed into the prompt, a seed picked. Nothing is written here.
 */
async function prepareGeneration(
  actor: Actor,
  input: unknown,
  { idempotencyKey, batch, source, boardId }: { idempotencyKey?: string; batch?: { id: string; index: number }; source?: RunSource; boardId?: string },
  db: Db,
  lookups: Lookups,
): Promise<{ ok: true; values: NewGeneration } | { ok: false; error: string; fieldErrors?: Record<string, string> }> {
  const parsed = recipeSchema.safeParse(withDefaultTransport(input));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: Object.values(errors)[0] ?? "Check the settings.", fieldErrors: errors };
  }
  const { model, transport, reference_ids, seed, copy, language, brand_kit_id, brand_kit_version, ...rest } = parsed.data;
  const kitKey = `${brand_kit_id}:${brand_kit_version ?? ""}`;
  if (brand_kit_id && !lookups.kits.has(kitKey)) lookups.kits.set(kitKey, kitVersion(actor, brand_kit_id, brand_kit_version, db));
  const kit = brand_kit_id ? await lookups.kits.get(kitKey)! : null;
  if (brand_kit_id && !kit) {
    const error = "There is no such brand kit in this workspace (or no such version of it).";
    return { ok: false, error, fieldErrors: { brand_kit_id: error } };
  }
  // The kit's logos and product shots go first; any the recipe lists already are not sent twice.
  const kitImages = kit?.version.images.map((i) => i.uploadId) ?? [];
  const referenceIds = [...new Set([...kitImages, ...reference_ids])];
  if (referenceIds.length > MAX_REFERENCE_IMAGES) {
    const error = `The kit's ${kitImages.length} images and your references make ${referenceIds.length}; ${MAX_REFERENCE_IMAGES} fit. Remove ${referenceIds.length - MAX_REFERENCE_IMAGES}.`;
    return { ok: false, error, fieldErrors: { reference_ids: error } };
  }
  const uploadsKey = referenceIds.join(",");
  if (!lookups.uploads.has(uploadsKey)) lookups.uploads.set(uploadsKey, getUploads(actor, referenceIds, db));
  const references = await lookups.uploads.get(uploadsKey)!;
  if (references.length !== referenceIds.length) {
    const kitMissing = kitImages.some((id) => !references.some((r) => r.id === id));
    return {
      ok: false,
      error: kitMissing
        ? `An image of the brand kit “${kit!.version.name}” is no longer available. Edit the kit to upload it again.`
        : "A reference image is no longer available. Remove it and add it again.",
      fieldErrors: { reference_ids: "Missing reference image." },
    };
  }
  // The kit's required legal line is part of the copy unless the run has its own.
  const runCopy = kit?.version.legal && !copy?.legal?.trim() ? { ...copy, legal: kit.version.legal } : copy;
  // The prompt sent carries the kit's style and palette (unless the studio sent them, perhaps edited) and the copy
  // as an exact-text instruction; the fields are kept to check the image by.
  const brief = withKitBlock(briefOf(rest.prompt), kit?.version ?? null);
  const params: RecipeParams = { ...rest, prompt: composePrompt(brief, runCopy, source?.fix), seed: seed ?? randomSeed() };
  const hasCopy = filledCopy(runCopy).length > 0;
  // Anything with copy or a kit is read back and checked once it is made.
  const checked = hasCopy || kit !== null;
  return {
    ok: true,
    values: {
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      idempotencyKey: idempotencyKey ?? null,
      batchId: batch?.id ?? null,
      batchIndex: batch?.index ?? 0,
      sourceId: source?.generationId ?? null,
      sourceKind: source?.how ?? null,
      creativeId: source?.creativeId ?? null,
      boardId: boardId ?? null,
      model,
      transport,
      params,
      prompt: params.prompt,
      seed: params.seed,
      aspectRatio: params.aspect_ratio,
      references: references.map((r) => ({ uploadId: r.id, sha256: r.sha256 })),
      estimatedCostUsd: estimatedPriceUsd(model, params.output_resolution),
      copy: hasCopy ? Object.fromEntries(filledCopy(runCopy)) : null,
      language: language ?? "en",
      checks: checked ? { status: "pending", language: language ?? "en", findings: [] } : null,
      brandKitId: kit?.kit.id ?? null,
      brandKitVersion: kit?.version.version ?? null,
      // A batch is written in one statement, where now() is the same for every row and the wall clock may not
      // move between rows: a microsecond per place keeps its images in order (the gallery's and the queue's).
      createdAt: sql`clock_timestamp() + (${batch?.index ?? 0}::int * interval '1 microsecond')`,
    },
  };
}

/**
 * A recipe that names no transport gets the operator's default (`NANO_BANANA_2_TRANSPORT`) on every path —
 * the form, the actions and the JSON API — not only as the form's starting value.
 */
function withDefaultTransport(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const recipe = input as { model?: unknown; transport?: unknown };
  const defaults = config().defaultTransport as Record<string, string>;
  if (recipe.transport !== undefined || typeof recipe.model !== "string" || !Object.hasOwn(defaults, recipe.model)) return input;
  return { ...recipe, transport: defaults[recipe.model] };
}

export type BatchResult =
  | { ok: true; generations: Generation[]; duplicate: boolean }
  /** `status` 402 when the run was refused for money (see `admit`). */
  | { ok: false; error: string; fieldErrors?: Record<string, string>; status?: number; budget?: Budget & { requestedUsd: number; boardId?: string } };

/** Asked with a new run's estimated cost before anything is stored: a sentence refusing it, or null. */
export type Admit = (estimatedCostUsd: number) => Promise<string | null>;

/**
 * One run of 1–8 images: the same recipe, one generation per image, each with its own seed. A pinned seed
 * S gives S, S+1, …; otherwise every image gets a random one. With an idempotency key, image i uses
 * `key-i`, so a retried run returns the images it already made.
 */
export interface RunOptions {
  /** Images in the run, 1–8 (as sent: checked here). */
  count?: unknown;
  idempotencyKey?: string;
  admit?: Admit;
  source?: RunSource;
  /** A board (campaign) of the workspace the run is made for: its images go on it, and its own cap applies. */
  board?: unknown;
}

export async function createBatch(actor: Actor, input: unknown, { count = 1, ...options }: RunOptions = {}): Promise<BatchResult> {
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_BATCH) {
    return { ok: false, error: `Choose between 1 and ${MAX_BATCH} images per run.`, fieldErrors: { count: `1 to ${MAX_BATCH} images.` } };
  }
  // The whole recipe is checked once, before seeds are spread over the batch: an out-of-range pinned seed
  // is refused, not wrapped into range.
  const checked = recipeSchema.safeParse(withDefaultTransport(input));
  if (!checked.success) {
    const errors = fieldErrors(checked.error);
    return { ok: false, error: Object.values(errors)[0] ?? "Check the settings.", fieldErrors: errors };
  }
  const pinned = checked.data.seed;
  const recipes = Array.from({ length: count }, (_, index) =>
    count === 1 || pinned === undefined
      ? input
      : { ...(input as object), seed: SEED_RANGE.min + ((pinned - SEED_RANGE.min + index) % (SEED_RANGE.max - SEED_RANGE.min + 1)) },
  );
  return createRuns(actor, recipes, options);
}

export interface RunsOptions extends Omit<RunOptions, "count"> {
  /** Written in the same transaction as the new rows (a pack's own rows), for a run that is new. */
  within?: (tx: Db, made: Generation[]) => Promise<void>;
}

/**
 * One run of several recipes (a batch: one recipe, a seed each; a pack: one recipe per ratio), all or none:
 * checked, admitted for their total price, and written in one transaction with the budget checks under the
 * workspace's lock — twenty runs sent at once against a cap that fits five make exactly five.
 */
export async function createRuns(actor: Actor, recipes: unknown[], { idempotencyKey, admit, source, board, within }: RunsOptions = {}): Promise<BatchResult> {
  const denied = refusal(actor, "generate");
  if (denied) return { ok: false, error: denied, status: 403 };
  const noBoard = board === undefined || board === null || board === "";
  if (!noBoard && (typeof board !== "string" || !isUuid(board)))
    return { ok: false, error: "board: this board does not exist.", fieldErrors: { board: "Unknown board." } };
  const boardId = noBoard ? undefined : board;
  if (idempotencyKey !== undefined && !/^[\w-]{8,96}$/.test(idempotencyKey))
    return { ok: false, error: "Idempotency-Key: use 8 to 100 letters, digits, - or _ (a UUID fits), or leave the header out." };
  let costUsd = 0;
  const prices: { model: string; resolution: string }[] = [];
  for (const recipe of recipes) {
    const checked = recipeSchema.safeParse(withDefaultTransport(recipe));
    if (!checked.success) {
      const errors = fieldErrors(checked.error);
      return { ok: false, error: Object.values(errors)[0] ?? "Check the settings.", fieldErrors: errors };
    }
    costUsd += estimatedPriceUsd(checked.data.model, checked.data.output_resolution);
    prices.push({ model: checked.data.model, resolution: checked.data.output_resolution });
  }
  costUsd = Math.round(costUsd * 10_000) / 10_000;
  const count = recipes.length;
  // A retried request finds what it already made (and paid for): only a new run is asked about money.
  const retried = idempotencyKey ? await findByIdempotencyKey(actor, count === 1 ? idempotencyKey : `${idempotencyKey}-0`) : undefined;
  if (admit && !retried) {
    const refusal = await admit(costUsd);
    if (refusal) return { ok: false, error: refusal, status: 402 };
  }
  const { workspaceId } = actor;
  const db = await getDb();
  return db.transaction(async (tx): Promise<BatchResult> => {
    if (!retried) {
      await lockBudget(tx, workspaceId);
      const budget = await budgetOf(workspaceId, tx);
      const refused = budgetRefusal(budget, costUsd);
      if (refused) return { ok: false, error: refused, status: 402, budget: { ...budget, requestedUsd: costUsd } };
      if (boardId) {
        const [target] = await tx
          .select({ id: boards.id })
          .from(boards)
          .where(and(eq(boards.id, boardId), eq(boards.workspaceId, workspaceId)));
        if (!target) return { ok: false, error: "board: this board does not exist.", fieldErrors: { board: "Unknown board." } };
        // The board's cap is checked under the same workspace lock: runs for one campaign cannot race past it either.
        const { name, ...campaign } = await boardBudgetOf(boardId, tx);
        const over = budgetRefusal(campaign, costUsd, `the board “${name}”'s`);
        if (over) return { ok: false, error: over, status: 402, budget: { ...campaign, requestedUsd: costUsd, boardId } };
      }
    }
    const made = await insertRun(tx, actor, recipes, { idempotencyKey, source, boardId });
    if (made.ok && !made.duplicate) {
      if (boardId) {
        await tx
          .insert(boardItems)
          .values(made.generations.map((g) => ({ boardId, generationId: g.id })))
          .onConflictDoNothing();
      }
      await within?.(tx, made.generations);
      const models = [...new Set(prices.map((p) => p.model))];
      const resolutions = [...new Set(prices.map((p) => p.resolution))];
      await recordAudit(tx, {
        workspaceId,
        actorId: actor.userId,
        action: "generated",
        subject: count === 1 ? `image ${made.generations[0]!.id}` : `run of ${count}`,
        detail: {
          model: models.join(", "),
          resolution: resolutions.join(", "),
          count,
          costUsd,
          ...(source ? { from: source.generationId, how: source.how } : {}),
        },
      });
    }
    return made;
  });
}

async function insertRun(
  tx: Db,
  actor: Actor,
  recipes: unknown[],
  { idempotencyKey, source, boardId }: { idempotencyKey?: string; source?: RunSource; boardId?: string },
): Promise<BatchResult> {
  if (recipes.length === 1) {
    const single = await createGeneration(actor, recipes[0], { idempotencyKey, source, boardId, db: tx });
    return single.ok ? { ok: true, generations: [single.generation], duplicate: single.duplicate } : single;
  }
  // Every row checked first, then written in one statement: a grid of 500 is one INSERT, not 500.
  const batchId = randomUUID();
  const lookups = newLookups();
  const rows: NewGeneration[] = [];
  for (const [index, recipe] of recipes.entries()) {
    const prepared = await prepareGeneration(
      actor,
      recipe,
      { idempotencyKey: idempotencyKey ? `${idempotencyKey}-${index}` : undefined, batch: { id: batchId, index }, source, boardId },
      tx,
      lookups,
    );
    if (!prepared.ok) return prepared;
    rows.push(prepared.values);
  }
  const inserted = await tx
    .insert(generations)
    .values(rows)
    .onConflictDoNothing({ target: [generations.userId, generations.idempotencyKey] })
    .returning();
  if (inserted.length === rows.length) return { ok: true, generations: inserted.sort((a, b) => a.batchIndex - b.batchIndex), duplicate: false };
  // Some keys were made already (a retried request): the run is what those keys hold, in order.
  const keys = rows.map((_, index) => `${idempotencyKey}-${index}`);
  const found = await tx
    .select()
    .from(generations)
    .where(and(eq(generations.userId, actor.userId), inArray(generations.idempotencyKey, keys)));
  const byKey = new Map(found.map((g) => [g.idempotencyKey, g]));
  return { ok: true, generations: keys.map((k) => byKey.get(k)!), duplicate: true };
}

/**
 * A stored generation as a recipe to run again: its model, transport, seed, every setting, references and copy
 * (web search only where the model has it). Reproduce, vary, retry and fix the text start from it.
 */
export function recipeFrom(source: Generation): Record<string, unknown> {
  const { web_search, ...params } = source.params;
  return {
    ...params,
    ...(MODELS[source.model].supportsWebSearch ? { web_search: web_search ?? false } : {}),
    model: source.model,
    transport: source.transport,
    seed: source.seed,
    reference_ids: source.references.map((r) => r.uploadId),
    ...(source.copy ? { copy: source.copy, language: source.language } : {}),
    ...(source.brandKitId ? { brand_kit_id: source.brandKitId, brand_kit_version: source.brandKitVersion ?? undefined } : {}),
  };
}

/** What a run sent with this key already made (its first generation), if it made anything. */
export async function madeWithKey(actor: Actor, idempotencyKey: string): Promise<Generation | undefined> {
  return (await findByIdempotencyKey(actor, idempotencyKey)) ?? (await findByIdempotencyKey(actor, `${idempotencyKey}-0`));
}

/** Keys are the user's own (a script's retry), unique across their workspaces as the index is. */
async function findByIdempotencyKey(actor: Actor, key: string, reader?: Pick<Db, "select">): Promise<Generation | undefined> {
  const db = reader ?? (await getDb());
  const [row] = await db
    .select()
    .from(generations)
    .where(and(eq(generations.userId, actor.userId), eq(generations.idempotencyKey, key)))
    .limit(1);
  return row;
}

export async function failGeneration(id: string, error: unknown, message?: string): Promise<void> {
  const segmindError = isSegmindError(error) ? error : undefined;
  if (!segmindError) console.error(`generation ${id} failed unexpectedly`, error);
  const db = await getDb();
  await db
    .update(generations)
    .set({
      status: "failed",
      errorCode: segmindError?.code ?? "internal",
      errorMessage: message ?? segmindError?.userMessage ?? "Something went wrong in the studio while running this generation. Try again.",
      mayHaveBeenCharged: segmindError?.mayHaveBeenCharged ?? false,
      completedAt: new Date(),
      holdReason: null,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "processing"])));
  notifyJobChanged(id);
}

export type StoredImage = Omit<Image, "id" | "createdAt">;

/** What a finished job left in storage, written after its files: enough to complete the job without Segmind. */
export interface StoredResult {
  images: StoredImage[];
  text: string | null;
  inferenceTime: number | null;
  remainingCredits: number | null;
}

/** Marks a generation done with its stored images, once: a second caller (a retry, an adopting worker) changes nothing. */
export async function completeGeneration(id: string, manifest: StoredResult): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(generations)
      .set({
        status: "completed",
        upstreamStatus: "COMPLETED",
        textOutput: manifest.text,
        inferenceTime: manifest.inferenceTime,
        remainingCredits: manifest.remainingCredits,
        completedAt: new Date(),
        holdReason: null,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "processing"])))
      .returning({ id: generations.id });
    if (done && manifest.images.length) await tx.insert(images).values(manifest.images);
  });
  notifyJobChanged(id);
}

// --- reads ---------------------------------------------------------------------------------------------

/** One generation of the workspace; anything outside it is simply not there. */
export async function getGeneration(scope: Scope, id: string): Promise<Generation | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(generations)
    .where(and(eq(generations.id, id), eq(generations.workspaceId, scope.workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function imagesOf(generationIds: string[]): Promise<Image[]> {
  if (generationIds.length === 0) return [];
  const db = await getDb();
  return db.select().from(images).where(inArray(images.generationId, generationIds));
}

export async function withImages(rows: Generation[]): Promise<GenerationView[]> {
  const [all, kitNames] = await Promise.all([imagesOf(rows.map((r) => r.id)), kitVersionNames(rows)]);
  return rows.map((row) =>
    generationView(
      row,
      all.filter((i) => i.generationId === row.id),
      kitNames.get(`${row.brandKitId}:${row.brandKitVersion}`),
    ),
  );
}

/** The view of one of the workspace's generations. Reading never calls Segmind: the worker does that. */
export async function fetchGenerationView(scope: Scope, id: string): Promise<GenerationView | null> {
  const generation = await getGeneration(scope, id);
  if (!generation) return null;
  const [view] = await withImages([generation]);
  return view!;
}

export async function getImage(scope: Scope, id: string): Promise<Image | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ image: images })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(and(eq(images.id, id), eq(generations.workspaceId, scope.workspaceId)))
    .limit(1);
  return row?.image ?? null;
}

export async function setFavorite(actor: Actor, id: string, favorite: boolean): Promise<{ ok: true } | { ok: false; error: string }> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied };
  if (!isUuid(id)) return { ok: false, error: "This image does not exist." };
  const db = await getDb();
  const [row] = await db
    .update(generations)
    .set({ favorite })
    .where(and(eq(generations.id, id), eq(generations.workspaceId, actor.workspaceId)))
    .returning({ id: generations.id });
  return row ? { ok: true } : { ok: false, error: "This image does not exist." };
}

/** Several of the workspace's generations with their images, in the order asked for; unknown ids are skipped. */
export async function fetchGenerationViews(scope: Scope, ids: string[]): Promise<GenerationView[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(generations)
    .where(and(eq(generations.workspaceId, scope.workspaceId), inArray(generations.id, valid)));
  const views = await withImages(rows);
  return valid.flatMap((id) => views.find((v) => v.id === id) ?? []);
}
