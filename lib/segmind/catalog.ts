/**
 * The model catalog: the one place that knows what Segmind's Nano Banana 2 models accept.
 * Transcribed from Segmind's model pages for both models and Google's output-size table. The zod schemas,
 * the studio form, the simulator and the price/latency hints are all derived from it.
 * Safe to import from the browser: it holds no secret.
 */

/** Images one run makes at most: each is its own generation with its own seed. */
export const MAX_BATCH = 8;

export const MODEL_IDS = ["nano-banana-2", "nano-banana-2-lite"] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const ASPECT_RATIOS = ["auto", "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1", "1:8", "8:1"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type FixedAspectRatio = Exclude<AspectRatio, "auto">;

export const RESOLUTIONS = ["512px", "1K", "2K", "4K"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const OUTPUT_FORMATS = ["jpg", "png"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const RESPONSE_MODALITIES = ["TEXT_AND_IMAGE", "IMAGE"] as const;
export type ResponseModality = (typeof RESPONSE_MODALITIES)[number];

export const THINKING_LEVELS = ["minimal", "high"] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

export const TRANSPORTS = ["v2", "v1"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const MAX_REFERENCE_IMAGES = 14;
export const SAFETY_TOLERANCE = { min: 1, max: 6 } as const;
/** Gemini takes a signed 32-bit seed; we keep to the non-negative half so every seed prints the same everywhere. */
export const SEED_RANGE = { min: 0, max: 2_147_483_647 } as const;
/** Segmind documents no limit; this keeps a runaway paste from becoming a paid request. */
export const MAX_PROMPT_LENGTH = 8000;

export type ParamName =
  | "prompt"
  | "aspect_ratio"
  | "image_urls"
  | "output_format"
  | "output_resolution"
  | "response_modalities"
  | "safety_tolerance"
  | "seed"
  | "thinking_level"
  | "web_search";

export interface ModelSpec {
  id: ModelId;
  name: string;
  tagline: string;
  resolutions: readonly Resolution[];
  supportsWebSearch: boolean;
  /** Transports this model can run over in the studio; the first is the default. */
  transports: readonly Transport[];
  defaults: {
    prompt: string;
    aspect_ratio: AspectRatio;
    output_format: OutputFormat;
    output_resolution: Resolution;
    response_modalities: ResponseModality;
    safety_tolerance: number;
    seed: number;
    thinking_level: ThinkingLevel;
    web_search: boolean;
  };
  /** Estimated US dollars per generation at each resolution (Segmind's published range). */
  estimatedPriceUsd: Partial<Record<Resolution, number>>;
  /** Typical wall time of one generation as published on the model page. */
  typicalLatencyMs: number;
  /** The model page's own description of each parameter. */
  descriptions: Record<ParamName, string>;
}

export const MODELS = {
  "nano-banana-2": {
    id: "nano-banana-2",
    name: "Nano Banana 2",
    tagline: "Fast photorealistic images — ideal for marketing and ads.",
    resolutions: RESOLUTIONS,
    supportsWebSearch: true,
    transports: ["v2", "v1"],
    defaults: {
      prompt:
        "A professional photograph of a beautifully crafted hand-painted gold leaf sign on a glass window pane. The central focus is the text 'MEXITALY' rendered in an elegant, red and gold script font. Below it, in larger, bold, gold beveled letters with a deep red shadow and gold outline, are the words 'TORNABUONI'. Underneath, in smaller, teal and cream script lettering, is 'Strada64', followed by 'BarandRestaurant' on the final line in the same teal and cream script style. The entire text composition is framed by intricate gold and teal decorative flourishes and stylized star motifs. The reflection of a warm, bustling European street, specifically Via de' Tornabuoni in Florence with its historic architecture and pedestrian crowds at twilight, is visible through the glass pane, adding depth to the image. The glass itself has a slight texture. The perspective is a straight-on medium shot, capturing the details of the lettering and the atmospheric reflection.",
      aspect_ratio: "1:1",
      output_format: "jpg",
      output_resolution: "1K",
      response_modalities: "TEXT_AND_IMAGE",
      safety_tolerance: 4,
      seed: 420875,
      thinking_level: "minimal",
      web_search: false,
    },
    estimatedPriceUsd: { "512px": 0.06, "1K": 0.08, "2K": 0.12, "4K": 0.175 },
    typicalLatencyMs: 38_520,
    descriptions: {
      prompt: "Image Prompt",
      aspect_ratio: "Image shape. Auto lets model decide, 16:9 for cinematic.",
      image_urls: "Reference image URLs for style guidance. Up to 14 images.",
      output_format: "Image file type. PNG for quality, JPG for smaller files.",
      output_resolution: "Determine image clarity. Select '2K' for clarity in digital presentations.",
      response_modalities: "Output type. IMAGE for image-only, TEXT_AND_IMAGE for both.",
      safety_tolerance: "Content moderation level. 1 = strictest, 6 = least strict.",
      seed: "Random seed for reproducible outputs. Same seed yields similar images.",
      thinking_level: "Reasoning depth. High for complex prompts, minimal for fast output.",
      web_search: "Enable for real-time data. Recommended for news-related prompts.",
    },
  },
  "nano-banana-2-lite": {
    id: "nano-banana-2-lite",
    name: "Nano Banana 2 Lite",
    tagline: "Generate and edit 1K images in about four seconds.",
    resolutions: ["1K"],
    supportsWebSearch: false,
    transports: ["v2"],
    defaults: {
      prompt:
        "A photorealistic close-up product photograph of a rustic artisan coffee bag standing on a warm wooden cafe counter. The kraft-paper packaging has a beautifully printed label reading 'NANO ROAST' in bold vintage serif lettering, with 'Single Origin - Medium Roast' in smaller elegant script beneath it. Soft morning window light, gentle bokeh of a cozy cafe interior in the background, roasted coffee beans scattered on the counter, shallow depth of field, crisp focus on the label, high-end commercial product photography, 8k.",
      aspect_ratio: "1:1",
      output_format: "jpg",
      output_resolution: "1K",
      response_modalities: "TEXT_AND_IMAGE",
      safety_tolerance: 4,
      seed: 778812,
      thinking_level: "high",
      web_search: false,
    },
    estimatedPriceUsd: { "1K": 0.04 },
    typicalLatencyMs: 12_880,
    descriptions: {
      prompt: "Text description of the image to generate; required. Be specific about subject, lighting, camera.",
      aspect_ratio: "Output shape from 15 presets; default 1:1. Use 16:9 cinematic, 9:16 mobile, auto adaptive.",
      image_urls: "Optional reference image URLs for editing or multi-image composition. Add up to 14.",
      output_format: "File type, jpg or png; default jpg. Choose png for sharper edges and text.",
      output_resolution: "Image resolution; only 1K is supported. Leave at 1K for every generation.",
      response_modalities: "Return IMAGE only or TEXT_AND_IMAGE; default TEXT_AND_IMAGE. Use IMAGE to skip text output.",
      safety_tolerance: "Content moderation strictness from 1 to 6; default 4. Lower is stricter, higher permissive.",
      seed: "Random integer seeding generation for reproducibility. Reuse a value to reproduce an image.",
      thinking_level: "Reasoning depth, minimal or high; default high. Use high for complex prompts, minimal faster.",
      web_search: "Not available on Lite.",
    },
  },
} as const satisfies Record<ModelId, ModelSpec>;

export function isModelId(value: unknown): value is ModelId {
  return typeof value === "string" && (MODEL_IDS as readonly string[]).includes(value);
}

/** Google's 1K output sizes; 512px, 2K and 4K scale from these. */
const SIZES_1K: Record<FixedAspectRatio, readonly [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [848, 1264],
  "3:2": [1264, 848],
  "3:4": [896, 1200],
  "4:3": [1200, 896],
  "4:5": [928, 1152],
  "5:4": [1152, 928],
  "9:16": [768, 1376],
  "16:9": [1376, 768],
  "21:9": [1584, 672],
  "1:4": [512, 2048],
  "4:1": [2048, 512],
  "1:8": [384, 3072],
  "8:1": [3072, 384],
};

const RESOLUTION_SCALE: Record<Resolution, number> = { "512px": 0.5, "1K": 1, "2K": 2, "4K": 4 };

export function outputSize(aspectRatio: FixedAspectRatio, resolution: Resolution): { width: number; height: number } {
  const [w, h] = SIZES_1K[aspectRatio];
  const scale = RESOLUTION_SCALE[resolution];
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** The fixed ratio closest to a width/height, which is how "auto" settles on a shape. */
export function closestAspectRatio(width: number, height: number): FixedAspectRatio {
  const target = Math.log(width / height);
  let best: FixedAspectRatio = "1:1";
  let bestDistance = Infinity;
  for (const [ratio, [w, h]] of Object.entries(SIZES_1K) as [FixedAspectRatio, readonly [number, number]][]) {
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

export function estimatedPriceUsd(model: ModelId, resolution: Resolution): number {
  const prices: ModelSpec["estimatedPriceUsd"] = MODELS[model].estimatedPriceUsd;
  return prices[resolution] ?? Math.max(...Object.values(prices));
}

/** Whether `value` is one of a model's options (`MODELS[m].resolutions`, `.transports`), narrowing it. */
export function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}
