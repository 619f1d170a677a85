/** The studio form's settings, and how they become a recipe. Plain module: used by the server page too. */
import { MODELS, type ModelId, type ModelSpec, type Transport } from "@/lib/segmind/catalog";
export { MAX_BATCH } from "@/lib/segmind/catalog";
import type { RecipeInput } from "@/lib/segmind/schema";
import type { RecipeParams } from "@/lib/db/schema";
import type { UploadView } from "@/lib/images/uploads";
import { briefOf, filledCopy, type CopyFields } from "@/lib/copy";

/** Every model parameter as the catalog defines it, plus what only the form has: a seed field and its mode. */
export type StudioSettings = Omit<ModelSpec["defaults"], "seed"> & {
  model: ModelId;
  transport: Transport;
  seedMode: "random" | "keep";
  /** The seed field's text: empty means "pick one for me". */
  seed: string;
  /** Images per run: each is its own generation with its own seed. */
  count: number;
  /** Ad copy to render exactly and check in the image, and its language (BCP 47). */
  copy: CopyFields;
  language: string;
  /** The workspace's brand kit the run is made with ("" for none): its images, style, palette and legal line. */
  brandKitId: string;
};

/** The label style every studio field shares. */
export const fieldLabel = "mb-1.5 block text-xs font-medium text-muted";

export function defaultSettings(model: ModelId, transport: Transport): StudioSettings {
  const d = MODELS[model].defaults;
  return {
    model,
    transport,
    prompt: "",
    aspect_ratio: d.aspect_ratio,
    output_format: d.output_format,
    output_resolution: d.output_resolution,
    response_modalities: d.response_modalities,
    safety_tolerance: d.safety_tolerance,
    thinking_level: d.thinking_level,
    web_search: d.web_search,
    seedMode: "random",
    seed: "",
    count: 1,
    copy: {},
    language: "en",
    brandKitId: "",
  };
}

export function toRecipe(s: StudioSettings, references: UploadView[]): RecipeInput {
  const spec = MODELS[s.model];
  const seed = s.seedMode === "keep" && s.seed.trim() !== "" ? Number(s.seed) : undefined;
  return {
    model: s.model,
    transport: s.transport,
    prompt: s.prompt,
    aspect_ratio: s.aspect_ratio,
    output_format: s.output_format,
    output_resolution: s.output_resolution,
    response_modalities: s.response_modalities,
    safety_tolerance: s.safety_tolerance,
    thinking_level: s.thinking_level,
    ...(spec.supportsWebSearch ? { web_search: s.web_search } : {}),
    ...(seed !== undefined ? { seed } : {}),
    reference_ids: references.map((r) => r.id),
    ...(filledCopy(s.copy).length ? { copy: Object.fromEntries(filledCopy(s.copy)), language: s.language } : {}),
    ...(s.brandKitId ? { brand_kit_id: s.brandKitId } : {}),
  } as RecipeInput;
}

/** Every setting of a stored recipe, as the form holds it (its seed pinned). */
export function settingsFromRecipe(
  model: ModelId,
  transport: Transport,
  p: RecipeParams,
  copy?: CopyFields | null,
  language = "en",
  brandKitId: string | null = null,
): StudioSettings {
  return {
    ...defaultSettings(model, transport),
    brandKitId: brandKitId ?? "",
    // The brief: the copy comes back in its own fields and is composed again when sent.
    prompt: briefOf(p.prompt),
    copy: copy ?? {},
    language,
    aspect_ratio: p.aspect_ratio,
    output_format: p.output_format,
    output_resolution: p.output_resolution,
    response_modalities: p.response_modalities,
    safety_tolerance: p.safety_tolerance,
    thinking_level: p.thinking_level,
    web_search: p.web_search ?? false,
    seedMode: "keep",
    seed: String(p.seed),
  };
}
