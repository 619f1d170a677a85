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
import { Segmented } from "../ui/segmented";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { formatSeconds, formatUsd } from "@/lib/format";
import { ReferencePicker } from "./reference-picker";
import { applyRecall, groupRuns, readDraft, writeDraft, type Recall, type Run } from "./draft";
import { AdvancedSettings } from "./advanced-settings";
import { ModelPicker } from "./model-picker";
import { RunList } from "./run-list";
import { SeedField } from "./seed-field";
import { MAX_BATCH, fieldLabel, toRecipe, type StudioSettings } from "./settings";

const label = fieldLabel;

export function StudioForm({
  draftKey,
  initialSettings,
  recall,
  addReferences,
  recentJobs,
}: {
  /** Where this user's unsent form lives in the browser, so leaving the studio loses nothing. */
  draftKey: string;
  initialSettings: StudioSettings;
  /** Settings of a gallery image to bring in (all, or only its seed or prompt), over the draft. */
  recall: Recall | null;
  addReferences: UploadView[];
  recentJobs: GenerationView[];
}) {
  const [settings, setSettings] = useState(initialSettings);
  const [references, setReferences] = useState<UploadView[]>([]);
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [runs, setRuns] = useState<Run[]>(() => groupRuns(recentJobs));
  const [uploading, setUploading] = useState(false);
  const queryClient = useQueryClient();
  const router = useRouter();
  const spec = MODELS[settings.model];

  // The draft is in the browser, so it is read after hydration; a recall or ?ref= then lands on top of it
  // and the address is cleaned, so a reload does not apply it twice.
  useEffect(() => {
    const draft = readDraft(draftKey);
    const next = applyRecall({ settings: draft?.settings ?? initialSettings, references: draft?.references ?? [] }, recall, addReferences);
    writeDraft(draftKey, next);
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

  const set = <K extends keyof StudioSettings>(key: K, value: StudioSettings[K]) => {
    setSettings((s) => ({ ...s, [key]: value }));
    setErrors((e) => ({ ...e, [key]: "" }));
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

  const mutation = useMutation({
    // One key per click: if the action is retried or the click lands twice, the server makes one generation.
    mutationFn: ({ recipe, key, count }: { recipe: RecipeInput; key: string; count: number }) => generateAction(recipe, key, count),
    onSuccess: (result) => {
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        return;
      }
      setFormError(null);
      for (const generation of result.generations) queryClient.setQueryData(generationKeys.one(generation.id), generation);
      const [run] = groupRuns(result.generations);
      setRuns((all) => [run!, ...all.filter((r) => r.id !== run!.id)]);
      void queryClient.invalidateQueries({ queryKey: queueKey });
      // Show the seed that was used, so "keep" can pin it for the next run.
      if (settings.seedMode === "random") setSettings((s) => ({ ...s, seed: String(result.generations[0]!.seed) }));
    },
  });

  const submit = useCallback(() => {
    if (mutation.isPending || uploading) return;
    // The action validates with the one recipe schema and answers field by field: the schema library
    // stays out of the browser bundle.
    const recipe = toRecipe(settings, references);
    setErrors({});
    setFormError(null);
    mutation.mutate({ recipe, key: crypto.randomUUID(), count: settings.count });
  }, [mutation, references, settings, uploading]);

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

  const price = estimatedPriceUsd(settings.model, settings.output_resolution) * settings.count;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(360px,440px)_1fr]">
      <form
        aria-label="Generate an image"
        className="space-y-5 self-start rounded-card border border-line bg-surface p-5 shadow-sm lg:sticky lg:top-20"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <ModelPicker value={settings.model} onChange={chooseModel} />

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
            rows={6}
            value={settings.prompt}
            onChange={(e) => set("prompt", e.target.value)}
            placeholder="A sunlit product shot of a ceramic mug on a linen tablecloth, soft shadows, 50mm…"
            aria-invalid={Boolean(errors.prompt)}
            aria-describedby={errors.prompt ? "prompt-error" : undefined}
            className="block w-full resize-y rounded-control border border-line bg-canvas px-3 py-2.5 text-sm leading-relaxed placeholder:text-muted/70 focus:border-accent focus:outline-none"
          />
          {errors.prompt ? (
            <p id="prompt-error" className="mt-1 text-xs text-danger">
              {errors.prompt}
            </p>
          ) : null}
        </div>

        <AspectRatioPicker value={settings.aspect_ratio} onChange={(v) => set("aspect_ratio", v)} ratios={ASPECT_RATIOS} />

        <div className="grid grid-cols-2 gap-4">
          <Segmented
            label="Resolution"
            name="output_resolution"
            value={settings.output_resolution}
            options={spec.resolutions.map((r) => ({ value: r, label: r }))}
            onChange={(v) => set("output_resolution", v)}
            hint={spec.resolutions.length === 1 ? `${spec.name} makes 1K images only.` : undefined}
          />
          <Segmented
            label="Format"
            name="output_format"
            value={settings.output_format}
            options={OUTPUT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
            onChange={(v) => set("output_format", v)}
          />
        </div>

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

        <SeedField
          seed={settings.seed}
          mode={settings.seedMode}
          error={errors.seed}
          onSeed={(seed) => set("seed", seed)}
          onMode={(mode) => set("seedMode", mode)}
        />

        <ReferencePicker references={references} onChange={setReferences} onBusyChange={setUploading} error={errors.reference_ids} />

        <AdvancedSettings settings={settings} set={set} />

        {formError ? (
          <p data-testid="form-error" role="status" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
            {formError}
          </p>
        ) : null}

        <div className="flex items-center gap-3 border-t border-line pt-4">
          <div className="text-xs text-muted" data-testid="estimate">
            <span className="font-medium text-ink">≈ {formatUsd(price)}</span> · ~{formatSeconds(spec.typicalLatencyMs)}
            <span className="block text-2xs">estimates</span>
          </div>
          <button
            type="submit"
            disabled={mutation.isPending || uploading}
            className="ml-auto inline-flex items-center gap-2 rounded-control bg-accent px-5 py-2.5 text-sm font-semibold text-accent-ink shadow-sm transition hover:brightness-105 disabled:opacity-60"
          >
            {mutation.isPending ? "Sending…" : settings.count > 1 ? `Generate ${settings.count}` : "Generate"}
            <kbd className="hidden rounded border border-accent-ink/20 px-1 text-2xs font-normal sm:inline">Ctrl ↵</kbd>
          </button>
        </div>
      </form>

      <RunList runs={runs} recentJobs={recentJobs} />
    </div>
  );
}
