"use client";
/**
 * Placements mode: pick presets or single placements and see, before anything runs, the model ratios the pack
 * will generate (placements sharing a ratio share one generation), the resolution each needs so nothing is
 * upscaled, each placement's crop loss, and the total cost and time. Generate makes the pack and opens it.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { createPackAction } from "@/lib/actions/pack-actions";
import { formatSeconds, formatUsd } from "@/lib/format";
import { FINAL_MODEL, PACK_DRAFTS, draftCostUsd, planPack, type PackDraft } from "@/lib/placements";
import { PLACEMENTS, PRESETS } from "@/lib/placements/catalog";
import { MODELS, type ModelId } from "@/lib/segmind/catalog";
import type { RecipeInput } from "@/lib/segmind/schema";
import { buttonClass } from "../ui/button";

export function PackPlanner({ model, recipe, onModel }: { model: ModelId; recipe: () => RecipeInput; onModel: (model: ModelId) => void }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const [choice, setDraft] = useState<"" | PackDraft>("");
  // Drafts finalise with Nano Banana 2: with Lite chosen as the model, the pack is made final at once.
  const draft = model === FINAL_MODEL ? choice : "";
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const placements = PLACEMENTS.filter((p) => chosen.includes(p.id));
  const plan = useMemo(() => (placements.length ? planPack(placements, model) : null), [placements, model]);
  const toggle = (ids: readonly string[], on: boolean) => setChosen((c) => (on ? [...new Set([...c, ...ids])] : c.filter((id) => !ids.includes(id))));
  const platforms = [...new Set(PLACEMENTS.map((p) => p.platform))];

  return (
    <section className="space-y-3" data-testid="pack-planner" aria-label="Placements">
      <div className="space-y-3">
        <div className="flex flex-wrap gap-1.5" role="group" aria-label="Presets">
          {Object.entries(PRESETS).map(([name, preset]) => {
            const on = preset.ids.every((id) => chosen.includes(id));
            return (
              <button
                key={name}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(preset.ids, !on)}
                className={`rounded-full border px-2.5 py-1 text-xs ${on ? "border-accent bg-accent/15 text-ink" : "border-line text-muted hover:text-ink"}`}
              >
                {preset.label}
              </button>
            );
          })}
        </div>
        <div className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
          {platforms.map((platform) => (
            <fieldset key={platform} className="space-y-0.5">
              <legend className="font-medium text-muted">{platform}</legend>
              {PLACEMENTS.filter((p) => p.platform === platform).map((p) => (
                <label key={p.id} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.id)}
                    onChange={(e) => toggle([p.id], e.target.checked)}
                    className="accent-[rgb(var(--accent))]"
                  />
                  {p.name}{" "}
                  <span className="text-muted">
                    {p.width}×{p.height}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        {plan ? (
          <div className="space-y-2 text-xs" data-testid="pack-plan">
            <p>
              <span className="font-medium">
                {plan.sources.length} {plan.sources.length === 1 ? "generation" : "generations"}
              </span>{" "}
              for {plan.assets.length} placements: {plan.sources.map((s) => `${s.ratio} at ${s.resolution}`).join(", ")}
            </p>
            <ul className="max-h-40 space-y-0.5 overflow-y-auto text-muted">
              {plan.assets.map((a) => (
                <li key={a.placementId}>
                  {a.placementId} ← {a.ratio}: {(a.cropLoss * 100).toFixed(1)}% cropped
                  {a.far ? " (far shape: check its crop)" : ""}
                  {a.upscale > 0 ? `, enlarged ${Math.round(a.upscale * 100)}%` : ""}
                </li>
              ))}
            </ul>
            {plan.upscaled.length && model === "nano-banana-2-lite" ? (
              <p className="text-warning">
                {MODELS[model].name} makes 1K only: {plan.upscaled.length} placements would be enlarged.{" "}
                <button type="button" className="underline" onClick={() => onModel("nano-banana-2")}>
                  Use Nano Banana 2
                </button>{" "}
                ({formatUsd(planPack(placements, "nano-banana-2").costUsd)}) instead.
              </p>
            ) : null}
            {model === FINAL_MODEL ? (
              <fieldset className="space-y-1" data-testid="pack-draft">
                <legend className="font-medium">Draft first?</legend>
                {(["", ...Object.keys(PACK_DRAFTS)] as ("" | PackDraft)[]).map((kind) => (
                  <label key={kind || "final"} className="flex items-center gap-2">
                    <input type="radio" name="pack-draft" checked={draft === kind} onChange={() => setDraft(kind)} className="accent-[rgb(var(--accent))]" />
                    {kind ? `Draft with ${PACK_DRAFTS[kind].label}` : "No, make the finals now"}
                    <span className="ml-auto text-muted">{formatUsd(kind ? draftCostUsd(plan, kind) : plan.costUsd)}</span>
                  </label>
                ))}
                {draft ? (
                  <p className="text-2xs text-muted">
                    Then finalise the drafts you keep with {MODELS[FINAL_MODEL].name}: {formatUsd(plan.costUsd)} for all of them.
                  </p>
                ) : null}
              </fieldset>
            ) : null}
            <button
              type="button"
              disabled={pending}
              className={buttonClass("primary", "w-full")}
              data-testid="generate-pack"
              onClick={() =>
                startTransition(async () => {
                  const result = await createPackAction(recipe(), chosen, crypto.randomUUID(), draft || null);
                  if (!result.ok) return setError(result.error);
                  router.push(`/packs/${result.id}`);
                })
              }
            >
              {draft
                ? `Draft pack · ${formatUsd(draftCostUsd(plan, draft))}`
                : `Generate pack · ${formatUsd(plan.costUsd)} · ~${formatSeconds(plan.typicalMs)}`}
            </button>
            {error ? (
              <p role="alert" className="text-danger">
                {error}
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-2xs text-muted">
            Choose presets or placements: the plan and its cost show here before anything runs.{" "}
            <Link href="/packs" className="underline">
              Your packs
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
