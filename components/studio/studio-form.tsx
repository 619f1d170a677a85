"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import {
  ASPECT_RATIOS,
  MAX_PROMPT_LENGTH,
  MODEL_IDS,
  MODELS,
  OUTPUT_FORMATS,
  SEED_RANGE,
  THINKING_LEVELS,
  estimatedPriceUsd,
  type ModelId,
} from "@/lib/segmind/catalog";
import type { RecipeInput } from "@/lib/segmind/schema";
import { generateAction } from "@/lib/actions/generate-action";
import type { GenerationView } from "@/lib/generations/view";
import type { UploadView } from "@/lib/images/uploads";
import { generationKeys } from "../hooks/use-generation";
import { Segmented } from "../ui/segmented";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { formatSeconds, formatUsd } from "./format";
import { JobCard } from "./job-card";
import { ReferencePicker } from "./reference-picker";
import { applyRecall, groupRuns, readDraft, writeDraft, type Recall, type Run } from "./draft";
import { MAX_BATCH, toRecipe, type StudioSettings } from "./settings";

const label = "mb-1.5 block text-xs font-medium text-muted";

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
        output_resolution: next.resolutions.includes(s.output_resolution) ? s.output_resolution : next.defaults.output_resolution,
        transport: next.transports.includes(s.transport) ? s.transport : next.transports[0]!,
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
      queryClient.invalidateQueries({ queryKey: ["queue"] });
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
        <fieldset>
          <legend className={label}>Model</legend>
          <div className="grid grid-cols-2 gap-2">
            {MODEL_IDS.map((id) => {
              const m = MODELS[id];
              const active = settings.model === id;
              return (
                <label
                  key={id}
                  className={`cursor-pointer rounded-control border p-3 transition has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${
                    active ? "border-accent bg-accent/10" : "border-line hover:border-muted"
                  }`}
                >
                  <input type="radio" name="model" value={id} checked={active} onChange={() => chooseModel(id)} className="sr-only" />
                  <span className="block text-sm font-semibold">{m.name}</span>
                  <span className="mt-0.5 block text-2xs text-muted">
                    ~{formatSeconds(m.typicalLatencyMs)} · from {formatUsd(Math.min(...Object.values(m.estimatedPriceUsd)))}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>

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
          <Segmented label="Format" name="output_format" value={settings.output_format} options={OUTPUT_FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} onChange={(v) => set("output_format", v)} />
        </div>

        <Segmented
          label="Images per run"
          name="count"
          value={String(settings.count)}
          options={Array.from({ length: MAX_BATCH }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          onChange={(v) => set("count", Number(v))}
          hint={settings.count > 1 ? `${settings.count} images with the same recipe, one seed each${settings.seedMode === "keep" ? " (this seed, then the next ones)" : ""}.` : undefined}
        />

        <div>
          <span className={label} id="seed-label">
            Seed
          </span>
          <div className="flex gap-2" role="group" aria-labelledby="seed-label">
            <input
              type="number"
              inputMode="numeric"
              name="seed"
              aria-label="Seed"
              min={SEED_RANGE.min}
              max={SEED_RANGE.max}
              step={1}
              value={settings.seed}
              placeholder="random"
              onChange={(e) => {
                set("seed", e.target.value);
                set("seedMode", e.target.value === "" ? "random" : "keep");
              }}
              aria-invalid={Boolean(errors.seed)}
              className={`min-w-0 flex-1 rounded-control border border-line bg-canvas px-3 py-2 font-mono text-sm focus:border-accent focus:outline-none ${
                settings.seedMode === "random" ? "text-muted" : ""
              }`}
            />
            <Segmented
              label="Seed mode"
              hideLabel
              name="seedMode"
              value={settings.seedMode}
              options={[
                { value: "random", label: "Random", title: "Pick a new seed for every run" },
                { value: "keep", label: "Keep", title: "Use this seed again" },
              ]}
              onChange={(v) => set("seedMode", v)}
            />
          </div>
          <p className="mt-1 text-2xs text-muted">
            {settings.seedMode === "random" ? "A new seed is picked for each run; it is shown here afterwards." : "This seed is used for every run until you switch to Random."}
          </p>
          {errors.seed ? <p className="mt-1 text-xs text-danger">{errors.seed}</p> : null}
        </div>

        <ReferencePicker references={references} onChange={setReferences} onBusyChange={setUploading} error={errors.reference_ids} />

        <details className="group rounded-control border border-line">
          <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-muted hover:text-ink">Advanced</summary>
          <div className="space-y-4 border-t border-line p-3">
            <Segmented
              label="Thinking"
              name="thinking_level"
              value={settings.thinking_level}
              options={THINKING_LEVELS.map((t) => ({ value: t, label: t === "high" ? "High" : "Minimal" }))}
              onChange={(v) => set("thinking_level", v)}
              hint={spec.descriptions.thinking_level}
            />
            <Segmented
              label="Response"
              name="response_modalities"
              value={settings.response_modalities}
              options={[
                { value: "TEXT_AND_IMAGE", label: "Image + text" },
                { value: "IMAGE", label: "Image only" },
              ]}
              onChange={(v) => set("response_modalities", v)}
            />
            <div>
              <label htmlFor="safety" className={label}>
                Safety tolerance: <span className="font-mono text-ink">{settings.safety_tolerance}</span>
              </label>
              <input
                id="safety"
                type="range"
                min={1}
                max={6}
                step={1}
                value={settings.safety_tolerance}
                onChange={(e) => set("safety_tolerance", Number(e.target.value))}
                className="w-full accent-[rgb(var(--accent))]"
              />
              <p className="text-2xs text-muted">{spec.descriptions.safety_tolerance}</p>
            </div>
            {spec.supportsWebSearch ? (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="web_search" checked={settings.web_search} onChange={(e) => set("web_search", e.target.checked)} className="mt-0.5 accent-[rgb(var(--accent))]" />
                <span>
                  Web search
                  <span className="block text-2xs text-muted">{spec.descriptions.web_search}</span>
                </span>
              </label>
            ) : null}
            {spec.transports.length > 1 ? (
              <Segmented
                label="Transport"
                name="transport"
                value={settings.transport}
                options={spec.transports.map((t) => ({ value: t, label: t === "v2" ? "Queue (v2)" : "Direct (v1)" }))}
                onChange={(v) => set("transport", v)}
                hint="Queue submits and polls; Direct waits for the image in one call."
              />
            ) : null}
          </div>
        </details>

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

      <section aria-label="Runs" className="min-w-0">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-sm font-semibold">Runs</h2>
          <span className="text-2xs text-muted">Every finished image is kept in the gallery with its recipe.</span>
        </div>
        {runs.length === 0 ? (
          <div className="flex min-h-64 flex-col items-center justify-center rounded-card border border-dashed border-line p-10 text-center">
            <p className="text-sm font-medium">Nothing generated yet</p>
            <p className="mt-1 max-w-xs text-sm text-muted">Write a prompt, pick a shape and press Generate (or Ctrl/Cmd + Enter).</p>
          </div>
        ) : (
          <div className="space-y-6" data-testid="job-list">
            {runs.map((run) =>
              run.ids.length === 1 ? (
                <div key={run.id} className="grid gap-4 sm:grid-cols-2">
                  <JobCard id={run.ids[0]!} initial={recentJobs.find((j) => j.id === run.ids[0])} />
                </div>
              ) : (
                <section key={run.id} aria-label={`Batch of ${run.ids.length} images`} data-testid="batch" className="rounded-card border border-line p-3">
                  <h3 className="mb-2 text-2xs font-medium uppercase tracking-wide text-muted">Batch of {run.ids.length}</h3>
                  <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
                    {run.ids.map((id) => (
                      // Server-rendered jobs start the cards, so they survive a refresh and poll on from where they are.
                      <JobCard key={id} id={id} initial={recentJobs.find((j) => j.id === id)} />
                    ))}
                  </div>
                </section>
              ),
            )}
          </div>
        )}
      </section>
    </div>
  );
}
