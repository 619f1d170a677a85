import "server-only";
/**
 * More generations for a pack after it was made. **Finalise** re-runs chosen drafts with Nano Banana 2 at the
 * tier their placements need — same prompt, same seed, the draft attached as the first reference so the
 * composition carries over — as a new version of the same creative; the draft's assets move to the final and
 * are derived again with the crops set on the draft (scaled to the final's pixels). **Own generation** gives a
 * far-shaped placement a source of its own, composed for its shape.
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "../db";
import { generations, packAssets, packs, type Generation, type Pack, type PackAsset } from "../db/schema";
import { createRuns, madeWithKey, type Admit, type BatchResult } from "../generations";
import { isUuid } from "../ids";
import { generationAsReference } from "../images/uploads";
import { FINAL_MODEL, placementById, smallestTier, type PackDraft } from "../placements";
import type { Fill } from "../placements/derive";
import { MAX_REFERENCE_IMAGES, outputSize, type FixedAspectRatio } from "../segmind/catalog";
import type { Actor } from "../workspaces/actor";
import { reopenApproved } from "./review";
import { finalTier, needsFinal, packView, placementsOf, sourceRecipe, type PackResult } from ".";

type Loaded = { pack: Pack; sources: Generation[]; assets: PackAsset[] };

/** The pack's recipe (packs made before it was kept have their model and prompt). */
const recipeOf = (pack: Pack): Record<string, unknown> => ({ model: pack.model, prompt: pack.prompt, ...pack.recipe });

/** A retried request (same key) answers with the pack as its first try left it, before anything is checked again. */
async function retried(actor: Actor, packId: string, idempotencyKey: string | undefined): Promise<PackResult | null> {
  const made = idempotencyKey ? await madeWithKey(actor, idempotencyKey) : undefined;
  if (!made || made.packId !== packId) return null;
  const view = await packView(actor, packId);
  return view ? { ok: true, pack: view, duplicate: true } : null;
}

/** The pack to add generations to — or the answer already: its first try's (a retried key), or a 404. */
async function open(actor: Actor, packId: string, idempotencyKey: string | undefined): Promise<Loaded | PackResult> {
  const again = await retried(actor, packId, idempotencyKey);
  if (again) return again;
  return (await load(actor, packId)) ?? { ok: false, status: 404, error: "This pack does not exist." };
}

async function answer(actor: Actor, packId: string, made: BatchResult): Promise<PackResult> {
  if (!made.ok) return { ok: false, status: made.status ?? 400, error: made.error, fieldErrors: made.fieldErrors, budget: made.budget };
  const view = await packView(actor, packId);
  return view ? { ok: true, pack: view, duplicate: made.duplicate } : { ok: false, status: 500, error: "The pack could not be read back." };
}

async function load(actor: Actor, packId: string): Promise<Loaded | null> {
  if (!isUuid(packId)) return null;
  const db = await getDb();
  const [pack] = await db
    .select()
    .from(packs)
    .where(and(eq(packs.id, packId), eq(packs.workspaceId, actor.workspaceId)));
  if (!pack) return null;
  const [sources, assets] = await Promise.all([
    db.select().from(generations).where(eq(generations.packId, packId)).orderBy(asc(generations.createdAt)),
    db.select().from(packAssets).where(eq(packAssets.packId, packId)),
  ]);
  return { pack, sources, assets };
}

/** A source is a draft when the pack was drafted and it is not itself a final. */
export function isDraftSource(pack: Pick<Pack, "draft">, source: Pick<Generation, "sourceKind">): boolean {
  return pack.draft !== null && source.sourceKind !== "finalise";
}

/** The crop set on a draft, at the final's pixels (same ratio, so one scale); padding carries over as it is. */
function scaledFill(asset: PackAsset, scale: number): Fill {
  const fill = asset.fill as Fill;
  if (fill.mode === "pad") return fill;
  const box = asset.cropBox;
  if (!box) return fill;
  const s = (n: number) => Math.round(n * scale);
  return { mode: "crop", box: { left: s(box.left), top: s(box.top), width: s(box.width), height: s(box.height) } };
}

export async function finalisePack(
  actor: Actor,
  packId: string,
  { generationIds, idempotencyKey, admit }: { generationIds?: unknown; idempotencyKey?: string; admit?: Admit } = {},
): Promise<PackResult> {
  const opened = await open(actor, packId, idempotencyKey);
  if ("ok" in opened) return opened;
  const { pack, sources, assets } = opened;
  if (!pack.draft) return { ok: false, status: 409, error: "This pack was made final: there is no draft to finalise." };
  const inUse = new Set(assets.map((a) => a.generationId));
  const drafts = sources.filter((g) => inUse.has(g.id) && needsFinal(pack, g, placementsOf(assets, g.id)));
  if (generationIds !== undefined && !(Array.isArray(generationIds) && generationIds.every((id) => typeof id === "string")))
    return { ok: false, status: 400, error: "generations: a list of the draft ids to finalise, or leave it out for all." };
  const wanted = generationIds === undefined ? drafts : drafts.filter((g) => generationIds.includes(g.id));
  if (generationIds !== undefined && wanted.length !== generationIds.length)
    return { ok: false, status: 400, error: "Only this pack's drafts that are still in use can be finalised." };
  if (wanted.length === 0) return { ok: false, status: 409, error: "Every draft of this pack is finalised already." };
  const unfinished = wanted.find((g) => g.status !== "completed");
  if (unfinished)
    return { ok: false, status: 409, error: `The ${unfinished.aspectRatio} draft is not finished (${unfinished.status}); finalise it once it is.` };

  const recipes: Record<string, unknown>[] = [];
  for (const draft of wanted) {
    const reference = await generationAsReference(actor, draft.id);
    if (!reference.ok) return { ok: false, status: 409, error: reference.error };
    const own = Array.isArray(pack.recipe.reference_ids) ? (pack.recipe.reference_ids as string[]) : [];
    recipes.push({
      ...sourceRecipe(recipeOf(pack), {
        ratio: draft.aspectRatio as FixedAspectRatio,
        resolution: finalTier(placementsOf(assets, draft.id), draft.aspectRatio as FixedAspectRatio),
        seed: draft.seed,
        draft: null,
      }),
      // An own generation's prompt carries its composition note: the draft's prompt is the one to keep.
      prompt: draft.prompt,
      reference_ids: [reference.id, ...own].slice(0, MAX_REFERENCE_IMAGES),
    });
  }
  const made = await createRuns(actor, recipes, {
    idempotencyKey,
    admit,
    within: async (tx, finals) => {
      await adopt(
        tx,
        pack.id,
        wanted.map((draft, i) => ({ from: draft, to: finals[i]! })),
        assets,
      );
      await reopenApproved(tx, actor, pack.id, "drafts finalised");
    },
  });
  return answer(actor, pack.id, made);
}

/** Links each final to its draft (a new version of its creative) and moves the draft's assets onto it. */
async function adopt(tx: Db, packId: string, pairs: { from: Generation; to: Generation }[], assets: PackAsset[]): Promise<void> {
  for (const { from, to } of pairs) {
    await tx
      .update(generations)
      .set({ packId, sourceId: from.id, sourceKind: "finalise", creativeId: from.creativeId ?? from.id })
      .where(eq(generations.id, to.id));
    const ratio = from.aspectRatio as FixedAspectRatio;
    const scale = outputSize(ratio, to.params.output_resolution).width / outputSize(ratio, from.params.output_resolution).width;
    for (const asset of assets.filter((a) => a.generationId === from.id))
      await tx
        .update(packAssets)
        .set({ generationId: to.id, status: "waiting", fill: scaledFill(asset, scale), error: null, updatedAt: new Date() })
        .where(eq(packAssets.id, asset.id));
  }
}

/**
 * A far-shaped placement gets a generation of its own at its nearest ratio, composed for its shape (the prompt
 * says which part of the frame it keeps), at the tier it needs — or as a draft while the pack is one.
 */
export async function generateOwn(
  actor: Actor,
  packId: string,
  placementId: string,
  { idempotencyKey, admit }: { idempotencyKey?: string; admit?: Admit } = {},
): Promise<PackResult> {
  const opened = await open(actor, packId, idempotencyKey);
  if ("ok" in opened) return opened;
  const { pack, sources, assets } = opened;
  const asset = assets.find((a) => a.placementId === placementId);
  const placement = placementById(placementId);
  if (!asset || !placement) return { ok: false, status: 404, error: "This pack has no such placement." };
  const current = sources.find((g) => g.id === asset.generationId);
  if (!current) return { ok: false, status: 404, error: "This placement's source is gone." };
  if (assets.filter((a) => a.generationId === current.id).length === 1)
    return { ok: false, status: 409, error: `${placement.name} already has a generation of its own.` };
  const ratio = current.aspectRatio as FixedAspectRatio;
  const draft: PackDraft | null = isDraftSource(pack, current) ? pack.draft : null;
  const recipe = {
    ...sourceRecipe(recipeOf(pack), { ratio, resolution: smallestTier(placement, FINAL_MODEL, ratio), seed: current.seed, draft }),
    prompt: `${pack.prompt}\n\n${compositionNote(placement.width, placement.height, ratio)}`,
  };
  const made = await createRuns(actor, [recipe], {
    idempotencyKey,
    admit,
    within: async (tx, [own]) => {
      await tx.update(generations).set({ packId: pack.id }).where(eq(generations.id, own!.id));
      await tx
        .update(packAssets)
        .set({ generationId: own!.id, status: "waiting", fill: { mode: "crop" }, cropBox: null, error: null, updatedAt: new Date() })
        .where(eq(packAssets.id, asset.id));
      await reopenApproved(tx, actor, pack.id, `${placementId} given its own generation`);
    },
  });
  return answer(actor, pack.id, made);
}

/** Where a far shape's frame sits in the generated image, in words the model follows. */
export function compositionNote(width: number, height: number, ratio: FixedAspectRatio): string {
  const [rw, rh] = ratio.split(":").map(Number) as [number, number];
  const target = width / height;
  const wider = target > rw / rh;
  const keep = Math.round((wider ? rw / rh / target : target / (rw / rh)) * 100);
  const edge = Math.round((100 - keep) / 2);
  return wider
    ? `Composition: this image is cropped to a ${width}×${height} banner that keeps only the middle ${keep}% of its height; keep the subject and any text inside that band, nothing important in the top and bottom ${edge}%.`
    : `Composition: this image is cropped to a ${width}×${height} frame that keeps only the middle ${keep}% of its width; keep the subject and any text inside that band, nothing important in the left and right ${edge}%.`;
}
