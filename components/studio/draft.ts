/**
 * The studio form between visits: the unsent draft lives in the browser (per user), and recalling an image
 * brings in all of its settings, or only its seed or its prompt, leaving the rest of the draft as it was.
 */
import { MODELS, isModelId, isOneOf } from "@/lib/segmind/catalog";
import type { GenerationView } from "@/lib/generations/view";
import type { UploadView } from "@/lib/images/uploads";
import { MAX_BATCH, defaultSettings, type StudioSettings } from "./settings";

export type RecallMode = "all" | "seed" | "prompt";
export const RECALL_MODES: readonly RecallMode[] = ["all", "seed", "prompt"];

export interface Recall {
  mode: RecallMode;
  settings: StudioSettings;
  references: UploadView[];
}

export interface Draft {
  settings: StudioSettings;
  references: UploadView[];
}

const MAX_REFERENCES = 14;

export function readDraft(key: string): Draft | null {
  try {
    const raw = JSON.parse(window.localStorage.getItem(key) ?? "null") as Partial<Draft> | null;
    const saved = raw?.settings;
    if (!saved || !isModelId(saved.model)) return null;
    // Saved by an older version, or edited by hand: keep what still fits the model, default the rest.
    const base = defaultSettings(saved.model, isOneOf(MODELS[saved.model].transports, saved.transport) ? saved.transport : MODELS[saved.model].transports[0]);
    const settings = { ...base, ...saved };
    if (!isOneOf(MODELS[saved.model].resolutions, settings.output_resolution)) settings.output_resolution = base.output_resolution;
    if (!Number.isInteger(settings.count) || settings.count < 1 || settings.count > MAX_BATCH) settings.count = 1;
    if (!settings.copy || typeof settings.copy !== "object" || Object.values(settings.copy).some((v) => typeof v !== "string")) settings.copy = {};
    if (typeof settings.language !== "string") settings.language = "en";
    if (typeof settings.brandKitId !== "string") settings.brandKitId = "";
    const references = Array.isArray(raw.references) ? raw.references.filter((r) => r && typeof r.id === "string").slice(0, MAX_REFERENCES) : [];
    return { settings, references };
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just will not be restored.
  }
}

export function applyRecall(draft: Draft, recall: Recall | null, addReferences: UploadView[]): Draft {
  let { settings, references } = draft;
  if (recall?.mode === "all") {
    // A recipe is complete: its references come with it, and the run size the user chose stays.
    settings = { ...recall.settings, count: settings.count };
    references = recall.references;
  } else if (recall?.mode === "seed") {
    settings = { ...settings, seed: recall.settings.seed, seedMode: "keep" };
  } else if (recall?.mode === "prompt") {
    settings = { ...settings, prompt: recall.settings.prompt };
  }
  const added = addReferences.filter((a) => !references.some((r) => r.id === a.id));
  // A new reference starts a new idea: one image first, not the 8 the last batch used.
  if (added.length) settings = { ...settings, count: 1 };
  return { settings, references: [...references, ...added].slice(0, MAX_REFERENCES) };
}

/** What a recall or a new reference changed in the draft, in words, for the notice that offers Undo. */
export function describeChange(before: Draft, after: Draft): string[] {
  const a = before.settings;
  const b = after.settings;
  const changes: string[] = [];
  if (a.model !== b.model) changes.push(MODELS[b.model].name);
  if (a.prompt !== b.prompt) changes.push("prompt");
  if (a.aspect_ratio !== b.aspect_ratio) changes.push(b.aspect_ratio === "auto" ? "auto ratio" : b.aspect_ratio);
  if (a.output_resolution !== b.output_resolution) changes.push(b.output_resolution);
  if (a.output_format !== b.output_format) changes.push(b.output_format.toUpperCase());
  if (a.brandKitId !== b.brandKitId) changes.push(b.brandKitId ? "brand kit" : "no brand kit");
  if (a.seed !== b.seed || a.seedMode !== b.seedMode) changes.push(b.seedMode === "keep" && b.seed ? `seed ${b.seed}` : "random seed");
  if (
    a.thinking_level !== b.thinking_level ||
    a.response_modalities !== b.response_modalities ||
    a.safety_tolerance !== b.safety_tolerance ||
    a.web_search !== b.web_search ||
    a.transport !== b.transport
  ) {
    changes.push("advanced settings");
  }
  const beforeRefs = before.references.map((r) => r.id).join();
  const afterRefs = after.references.map((r) => r.id).join();
  if (beforeRefs !== afterRefs)
    changes.push(after.references.length === 0 ? "no references" : after.references.length === 1 ? "1 reference" : `${after.references.length} references`);
  if (a.count !== b.count) changes.push(`${b.count} image${b.count === 1 ? "" : "s"} per run`);
  return changes;
}

/** Runs for the studio's list, newest first: the generations of one batch together, in batch order. */
export interface Run {
  id: string;
  ids: string[];
}

export function groupRuns(jobs: Pick<GenerationView, "id" | "batchId" | "batchIndex">[]): Run[] {
  const runs: Run[] = [];
  for (const job of jobs) {
    const id = job.batchId ?? job.id;
    const run = runs.find((r) => r.id === id);
    if (run) run.ids.push(job.id);
    else runs.push({ id, ids: [job.id] });
  }
  for (const run of runs) {
    run.ids.sort((a, b) => (jobs.find((j) => j.id === a)!.batchIndex ?? 0) - (jobs.find((j) => j.id === b)!.batchIndex ?? 0));
  }
  return runs;
}
