"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { ASPECT_RATIOS, MAX_PROMPT_LENGTH, MODELS, OUTPUT_FORMATS, estimatedPriceUsd, isOneOf, type ModelId } from "@/lib/segmind/catalog";
import type { RecipeInput } from "@/lib/segmind/schema";
import { generateAction } from "@/lib/actions/generate-action";
import type { GenerationView } from "@/lib/generations/view";
import type { UploadView } from "@/lib/images/uploads";
import { generationKeys } from "../hooks/use-generation";
import { queueKey } from "../hooks/use-queue";
import { creditsKey, useCredits } from "../hooks/use-credits";
import { Segmented } from "../ui/segmented";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { formatSeconds, formatUsd } from "@/lib/format";
import { ReferencePicker } from "./reference-picker";
import { applyRecall, describeChange, readDraft, writeDraft, type Recall } from "./draft";
import type { RunsPage } from "@/lib/generations/runs";
import { toast } from "../ui/toaster";
import { useSpendLimit } from "./spend-limit";
import { AdvancedSettings } from "./advanced-settings";
import { ModelPicker } from "./model-picker";
import { RunList } from "./run-list";
import { SeedField } from "./seed-field";
import { MAX_BATCH, fieldLabel, toRecipe, type StudioSettings } from "./settings";
import { PackPlanner } from "./pack-planner";
import { CopyFields } from "./copy-fields";
import { KitPicker } from "./kit-picker";
import { withKitBlock } from "@/lib/brand-kits/compose";
import type { KitView } from "@/lib/brand-kits";

const label = fieldLabel;
/** Fired when the stored draft was replaced from outside the form (Undo of a recall). */
const DRAFT_REPLACED = "nano-studio:draft-replaced";

export function StudioForm({
  draftKey,
  initialSettings,
  recall,
  addReferences,
  firstRuns,
  campaigns = [],
  kits = [],
}: {
  /** Where this user's unsent form lives in the browser, so leaving the studio loses nothing. */
  draftKey: string;
  initialSettings: StudioSettings;
  /** Settings of a gallery image to bring in (all, or only its seed or prompt), over the draft. */
  recall: Recall | null;
  addReferences: UploadView[];
  firstRuns: RunsPage;
  /** The workspace's boards a run can be made for, with what each one's own cap leaves (null: no cap). */
  campaigns?: Campaign[];
  /** The workspace's brand kits, at their newest versions. */
  kits?: KitView[];
}) {
  const [settings, setSettings] = useState(initialSettings);
  const [campaignId, setCampaignId] = useState("");
  // One image (or a batch) at a chosen ratio, or a placement pack: the plan picks ratios and tiers.
  const [mode, setMode] = useState<"single" | "placements">("single");
  const single = mode === "single";
  const campaign = campaigns.find((c) => c.id === campaignId);
  const [references, setReferences] = useState<UploadView[]>([]);
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<GenerationView[]>([]);
  const [confirming, setConfirming] = useState(false);
  const confirmAbove = useSpendLimit();
  const budget = useCredits().data?.budget;
  const budgetLeft = budget && budget.monthlyUsd !== null ? Math.max(0, budget.monthlyUsd - budget.spentUsd - budget.reservedUsd) : null;
  const [uploading, setUploading] = useState(false);
  const queryClient = useQueryClient();
  const router = useRouter();
  const spec = MODELS[settings.model];
  // The kit's images are attached by the kit (the server adds them too): the user's own references are the rest.
  const kit = kits.find((k) => k.id === settings.brandKitId) ?? null;
  const ownReferences = kit ? references.filter((r) => !kit.images.some((i) => i.id === r.id)) : references;

  // The draft is in the browser, so it is read after hydration; a recall or ?ref= then lands on top of it
  // and the address is cleaned, so a reload does not apply it twice.
  useEffect(() => {
    const draft = readDraft(draftKey);
    const before = { settings: draft?.settings ?? initialSettings, references: draft?.references ?? [] };
    const next = applyRecall(before, recall, addReferences);
    writeDraft(draftKey, next);
    // Nothing changes the draft silently: say what was applied, and offer the way back.
    const changes = describeChange(before, next);
    if (changes.length) {
      const what =
        addReferences.length && !recall
          ? "Added as a reference"
          : recall?.mode === "seed"
            ? "Seed applied"
            : recall?.mode === "prompt"
              ? "Prompt applied"
              : "Recipe applied";
      toast(`${what}: ${changes.join(", ")}.`, {
        label: "Undo",
        // The form remounts once the address is cleaned, so Undo goes through the stored draft.
        run: () => {
          writeDraft(draftKey, before);
          window.dispatchEvent(new Event(DRAFT_REPLACED));
        },
      });
    }
    /* eslint-disable react-hooks/set-state-in-effect -- browser storage is only readable after hydration */
    setSettings(next.settings);
    setReferences(next.references);
    setRestored(true);
    /* eslint-enable react-hooks/set-state-in-effect */
    if (recall || addReferences.length) router.replace("/", { scroll: false });
    // Once per mount: the page remounts the form when a new recall arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (restored) writeDraft(draftKey, { settings, references });
  }, [draftKey, references, restored, settings]);

  useEffect(() => {
    const reload = () => {
      const draft = readDraft(draftKey);
      if (!draft) return;
      setSettings(draft.settings);
      setReferences(draft.references);
    };
    window.addEventListener(DRAFT_REPLACED, reload);
    return () => window.removeEventListener(DRAFT_REPLACED, reload);
  }, [draftKey]);

  const set = <K extends keyof StudioSettings>(key: K, value: StudioSettings[K]) => {
    setSettings((s) => ({ ...s, [key]: value }));
    setErrors((e) => ({ ...e, [key]: "" }));
    setConfirming(false);
  };

  const chooseModel = (model: ModelId) => {
    setSettings((s) => {
      const next = MODELS[model];
      return {
        ...s,
        model,
        // Options the new model does not accept fall back to its defaults instead of being sent.
        output_resolution: isOneOf(next.resolutions, s.output_resolution) ? s.output_resolution : next.defaults.output_resolution,
        transport: isOneOf(next.transports, s.transport) ? s.transport : next.transports[0],
        web_search: next.supportsWebSearch ? s.web_search : false,
      };
    });
  };

  const chooseKit = (id: string) => {
    const next = kits.find((k) => k.id === id) ?? null;
    setSettings((s) => {
      const previous = kits.find((k) => k.id === s.brandKitId);
      const copy = { ...s.copy };
      // The legal line follows the kit unless the user wrote their own.
      const legal = copy.legal?.trim() ?? "";
      if (!legal || legal === previous?.legal) {
        if (next?.legal) copy.legal = next.legal;
        else delete copy.legal;
      }
      return { ...s, brandKitId: next?.id ?? "", prompt: withKitBlock(s.prompt, next, { replace: true }), copy };
    });
    setErrors((e) => ({ ...e, brand_kit_id: "", reference_ids: "" }));
  };

  const mutation = useMutation({
    // One key per click: if the action is retried or the click lands twice, the server makes one generation.
    mutationFn: ({ recipe, key, count, board }: { recipe: RecipeInput; key: string; count: number; board?: string }) =>
      generateAction(recipe, key, count, board),
    onSuccess: (result) => {
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        return;
      }
      setFormError(null);
      for (const generation of result.generations) queryClient.setQueryData(generationKeys.one(generation.id), generation);
      setSubmitted((all) => [...result.generations, ...all.filter((g) => !result.generations.some((n) => n.id === g.id))]);
      void queryClient.invalidateQueries({ queryKey: queueKey });
      void queryClient.invalidateQueries({ queryKey: creditsKey });
      // Show the seed that was used, so "keep" can pin it for the next run.
      if (settings.seedMode === "random") setSettings((s) => ({ ...s, seed: String(result.generations[0]!.seed) }));
    },
  });

  const price = estimatedPriceUsd(settings.model, settings.output_resolution) * settings.count;

  const submit = useCallback(() => {
    // In Placements mode the pack's own button sends; Enter and Ctrl+Enter must not start a single run.
    if (mutation.isPending || uploading || !single) return;
    // A run over the user's limit asks once: the button becomes "Send … $X" until it is pressed or backed out of.
    if (price > confirmAbove + 1e-9 && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    // The action validates with the one recipe schema and answers field by field: the schema library
    // stays out of the browser bundle.
    const recipe = toRecipe({ ...settings, brandKitId: kit?.id ?? "" }, ownReferences);
    setErrors({});
    setFormError(null);
    mutation.mutate({ recipe, key: crypto.randomUUID(), count: settings.count, board: campaignId === "" ? undefined : campaignId });
  }, [campaignId, confirmAbove, confirming, kit, mutation, ownReferences, price, setConfirming, settings, single, uploading]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        submit();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [submit]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(340px,420px)_1fr]">
      {/* On a desktop the composer is a column the height of the window: its settings scroll inside it and the
          action bar stays at its foot, so Generate and the price are always in view. On a phone the action bar
          sticks to the bottom of the screen while the form is on it, within reach of a thumb. */}
      <form
        aria-label="Generate an image"
        className="flex flex-col self-start rounded-card border border-line bg-surface shadow-sm lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6.5rem)]"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <div className="space-y-5 p-4 sm:p-5 lg:min-h-0 lg:flex-1 lg:overflow-y-auto" data-testid="composer-settings">
          <Segmented
            label="Make"
            name="mode"
            hideLabel
            value={mode}
            options={[
              { value: "single", label: "Images" },
              { value: "placements", label: "Placements pack", title: "One brief, every ad placement at its exact pixels" },
            ]}
            onChange={setMode}
          />
          <KitPicker kits={kits} value={settings.brandKitId} onChange={chooseKit} />
          {errors.brand_kit_id ? <p className="-mt-3 text-xs text-danger">{errors.brand_kit_id}</p> : null}
          <div>
            <div className="flex items-baseline justify-between">
              <label htmlFor="prompt" className={label}>
                Prompt
              </label>
              <span className={`text-2xs ${settings.prompt.length > MAX_PROMPT_LENGTH ? "text-danger" : "text-muted"}`} data-testid="prompt-count">
                {settings.prompt.length.toLocaleString("en-US")} / {MAX_PROMPT_LENGTH.toLocaleString("en-US")}
              </span>
            </div>
            <textarea
              id="prompt"
              name="prompt"
              rows={4}
              value={settings.prompt}
              onChange={(e) => set("prompt", e.target.value)}
              placeholder="A sunlit product shot of a lemon soda can on a pastel background, soft shadows, 50mm…"
              aria-invalid={Boolean(errors.prompt)}
              aria-describedby={errors.prompt ? "prompt-error" : undefined}
              className="block max-h-[40vh] min-h-24 w-full resize-y rounded-control border border-line bg-canvas px-3 py-2.5 text-sm leading-relaxed placeholder:text-muted/70 focus:border-accent focus:outline-none"
            />
            {errors.prompt ? (
              <p id="prompt-error" className="mt-1 text-xs text-danger">
                {errors.prompt}
              </p>
            ) : null}
          </div>

          <CopyFields
            copy={settings.copy}
            language={settings.language}
            prompt={settings.prompt}
            errors={errors}
            onCopy={(copy) => set("copy", copy)}
            onLanguage={(language) => set("language", language)}
            kit={kit}
          />

          <ReferencePicker
            references={ownReferences}
            kitImages={kit?.images ?? []}
            onChange={setReferences}
            onBusyChange={setUploading}
            error={errors.reference_ids}
          />

          {single ? <AspectRatioPicker value={settings.aspect_ratio} onChange={(v) => set("aspect_ratio", v)} ratios={ASPECT_RATIOS} /> : null}

          {single ? (
            <Segmented
              label="Images per run"
              name="count"
              value={String(settings.count)}
              options={Array.from({ length: MAX_BATCH }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              onChange={(v) => set("count", Number(v))}
              hint={
                settings.count > 1
                  ? `${settings.count} images with the same recipe, one seed each${settings.seedMode === "keep" ? " (this seed, then the next ones)" : ""}.`
                  : undefined
              }
            />
          ) : null}

          <ModelPicker value={settings.model} onChange={chooseModel} />

          <div className="grid grid-cols-2 gap-4">
            {single ? (
              <Segmented
                label="Resolution"
                name="output_resolution"
                value={settings.output_resolution}
                options={spec.resolutions.map((r) => ({ value: r, label: r }))}
                onChange={(v) => set("output_resolution", v)}
                hint={spec.resolutions.length === 1 ? `${spec.name} makes 1K images only.` : undefined}
              />
            ) : null}
            <Segmented
              label="Format"
              name="output_format"
              value={settings.output_format}
              options={OUTPUT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
              onChange={(v) => set("output_format", v)}
            />
          </div>

          <SeedField
            seed={settings.seed}
            mode={settings.seedMode}
            error={errors.seed}
            onSeed={(seed) => set("seed", seed)}
            onMode={(mode) => set("seedMode", mode)}
          />

          {single ? null : (
            <PackPlanner model={settings.model} recipe={() => toRecipe({ ...settings, brandKitId: kit?.id ?? "" }, ownReferences)} onModel={chooseModel} />
          )}

          {single && campaigns.length ? <CampaignPicker campaigns={campaigns} value={campaignId} onChange={setCampaignId} /> : null}

          <AdvancedSettings settings={settings} set={set} />
        </div>

        <div
          className={`sticky bottom-0 z-10 space-y-2 rounded-b-card border-t border-line bg-surface px-4 py-3 sm:px-5 lg:static ${single ? "" : "hidden"}`}
          data-testid="action-bar"
        >
          {formError ? (
            <p data-testid="form-error" role="status" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
              {formError}
            </p>
          ) : null}
          {confirming ? (
            <p className="text-xs text-warning" data-testid="spend-confirm" role="status">
              This run costs about {formatUsd(price)}, over your {formatUsd(confirmAbove)} ask-first limit (Advanced). Send it?
            </p>
          ) : null}
          <div className="flex items-center gap-3">
            <div className="text-xs text-muted" data-testid="estimate">
              <span className="font-medium text-ink">≈ {formatUsd(price)}</span> · ~{formatSeconds(spec.typicalLatencyMs)}
              <span className="block text-2xs">
                {settings.count} × {spec.name}, {settings.output_resolution}
              </span>
              {budgetLeft !== null ? (
                <span className={`block text-2xs ${price > budgetLeft + 1e-9 ? "font-medium text-danger" : ""}`} data-testid="budget-left">
                  {formatUsd(budgetLeft)} of the monthly budget left
                </span>
              ) : null}
              {campaign && campaign.leftUsd !== null ? (
                <span className={`block text-2xs ${price > campaign.leftUsd + 1e-9 ? "font-medium text-danger" : ""}`} data-testid="board-budget-left">
                  {formatUsd(campaign.leftUsd)} left on {campaign.name}
                </span>
              ) : null}
            </div>
            {confirming ? (
              <button
                type="button"
                onClick={() => setConfirming(false)}
                className="ml-auto rounded-control px-3 py-2 text-sm text-muted hover:bg-raised hover:text-ink"
              >
                Back
              </button>
            ) : null}
            <button
              type="submit"
              disabled={mutation.isPending || uploading}
              className={`${confirming ? "" : "ml-auto"} inline-flex items-center gap-2 whitespace-nowrap rounded-control bg-accent px-4 py-2.5 text-sm font-semibold text-accent-ink shadow-sm transition hover:brightness-105 disabled:opacity-60`}
            >
              {mutation.isPending ? "Sending…" : `${confirming ? "Send" : "Generate"}${settings.count > 1 ? ` ${settings.count}` : ""} · ${formatUsd(price)}`}
              <kbd className="hidden rounded border border-accent-ink/20 px-1 text-2xs font-normal xl:inline">Ctrl ↵</kbd>
            </button>
          </div>
        </div>
      </form>

      <RunList firstPage={firstRuns} submitted={submitted} />
    </div>
  );
}

export interface Campaign {
  id: string;
  name: string;
  leftUsd: number | null;
}

/** The board a run is made for: its images go on it, and the board's own monthly cap applies. */
function CampaignPicker({ campaigns, value, onChange }: { campaigns: Campaign[]; value: string; onChange: (id: string) => void }) {
  return (
    <label className="block space-y-1.5">
      <span className="text-xs font-medium text-muted">Made for board</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="campaign"
        className="w-full rounded-control border border-line bg-canvas px-2.5 py-2 text-sm focus:border-accent focus:outline-none"
      >
        <option value="">No board</option>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.leftUsd !== null ? ` · ${formatUsd(c.leftUsd)} left this month` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
