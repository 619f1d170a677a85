/**
 * zod schemas derived from the model catalog. Two families:
 * - `segmindPayloadSchemas`: the request body Segmind accepts (the client sends it, the simulator validates it);
 * - `recipeSchema`: what the studio form and the generate action exchange (references are our upload ids,
 *   the seed may be left to chance, the transport is chosen per run).
 * Both come from the same catalog constants, so an option a model does not accept can't be sent.
 */
import { z } from "zod";
import {
  ASPECT_RATIOS,
  MAX_PROMPT_LENGTH,
  MAX_REFERENCE_IMAGES,
  MODELS,
  OUTPUT_FORMATS,
  RESPONSE_MODALITIES,
  SAFETY_TOLERANCE,
  SEED_RANGE,
  THINKING_LEVELS,
  type ModelId,
} from "./catalog";
import { safeText } from "../validation";
import { COPY_LABELS, MAX_COPY_LENGTH } from "../copy";

const prompt = safeText(
  "The prompt",
  z
    .string({ error: "Write a prompt." })
    .trim()
    .min(1, "Write a prompt.")
    .max(MAX_PROMPT_LENGTH, `Keep the prompt under ${MAX_PROMPT_LENGTH.toLocaleString("en-US")} characters.`),
);
const seed = z
  .int({ error: "The seed must be a whole number." })
  .min(SEED_RANGE.min, `The seed must be between ${SEED_RANGE.min} and ${SEED_RANGE.max}.`)
  .max(SEED_RANGE.max, `The seed must be between ${SEED_RANGE.min} and ${SEED_RANGE.max}.`);
const copyText = (label: string) =>
  safeText(
    label,
    z
      .string({ error: `${label}: write text.` })
      .trim()
      .max(MAX_COPY_LENGTH, `${label}: at most ${MAX_COPY_LENGTH} characters.`),
  ).optional();
/** Ad copy to render exactly (lib/copy); composed into the prompt and checked against the image. */
const copy = z
  .strictObject(
    {
      headline: copyText(COPY_LABELS.headline),
      subline: copyText(COPY_LABELS.subline),
      cta: copyText(COPY_LABELS.cta),
      price: copyText(COPY_LABELS.price),
      legal: copyText(COPY_LABELS.legal),
    },
    { error: "copy: an object with headline, subline, cta, price and legal (each optional text)." },
  )
  .optional();
/** The copy's language, BCP 47 ("en", "es-MX"): which OCR data reads it back. */
const language = z
  .string({ error: "language: a BCP 47 tag such as en or es." })
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "language: a BCP 47 tag such as en or es.")
  .optional();
/** A brand kit of the workspace (lib/brand-kits), at its newest version unless one is named (a reproduce names it). */
const brandKitId = z.uuid("brand_kit_id: not one of this workspace's brand kits.").optional();
const brandKitVersion = z.int({ error: "brand_kit_version: a whole number." }).min(1, "brand_kit_version: from 1.").optional();
const safetyTolerance = z
  .int({ error: "Safety tolerance must be a whole number from 1 to 6." })
  .min(SAFETY_TOLERANCE.min, "Safety tolerance must be from 1 to 6.")
  .max(SAFETY_TOLERANCE.max, "Safety tolerance must be from 1 to 6.");

/** The parameters every model shares, with that model's defaults. */
function sharedParams<M extends ModelId>(model: M) {
  const d = MODELS[model].defaults;
  return {
    aspect_ratio: z.enum(ASPECT_RATIOS, { error: "Pick one of the listed aspect ratios." }).default(d.aspect_ratio),
    output_format: z.enum(OUTPUT_FORMATS, { error: "The output format is jpg or png." }).default(d.output_format),
    output_resolution: z
      .enum(MODELS[model].resolutions as (typeof MODELS)[M]["resolutions"], {
        error: `${MODELS[model].name} accepts ${MODELS[model].resolutions.join(", ")}.`,
      })
      .default(d.output_resolution),
    response_modalities: z.enum(RESPONSE_MODALITIES, { error: "Response is TEXT_AND_IMAGE or IMAGE." }).default(d.response_modalities),
    safety_tolerance: safetyTolerance.default(d.safety_tolerance),
    thinking_level: z.enum(THINKING_LEVELS, { error: "Thinking is minimal or high." }).default(d.thinking_level),
  };
}

const imageUrls = z
  .array(z.url({ protocol: /^https?$/, error: "Each reference must be an http(s) URL." }))
  .max(MAX_REFERENCE_IMAGES, `At most ${MAX_REFERENCE_IMAGES} reference images.`);

export const segmindPayloadSchemas = {
  "nano-banana-2": z.strictObject({
    prompt,
    seed: seed.default(MODELS["nano-banana-2"].defaults.seed),
    image_urls: imageUrls.default([]),
    web_search: z.boolean({ error: "web_search is true or false." }).default(false),
    ...sharedParams("nano-banana-2"),
  }),
  "nano-banana-2-lite": z.strictObject({
    prompt,
    seed: seed.default(MODELS["nano-banana-2-lite"].defaults.seed),
    image_urls: imageUrls.default([]),
    ...sharedParams("nano-banana-2-lite"),
  }),
} as const;

export type SegmindPayload = z.infer<(typeof segmindPayloadSchemas)[ModelId]>;

/**
 * The Segmind parameters of a run as stored in its recipe: the payload as sent, without the reference URLs
 * (a recipe keeps references as our upload ids and their hashes), web search only where the model has it.
 */
export type RecipeParams = Omit<z.infer<(typeof segmindPayloadSchemas)["nano-banana-2"]>, "image_urls" | "web_search"> & { web_search?: boolean };
export type SegmindPayloadInput = z.input<(typeof segmindPayloadSchemas)[ModelId]>;

const referenceIds = z
  .array(z.uuid("A reference image is not one of your uploads."))
  .max(MAX_REFERENCE_IMAGES, `At most ${MAX_REFERENCE_IMAGES} reference images.`)
  .default([]);

/** The studio's recipe: what a user chooses. `seed` absent means "pick a random one for me". */
export const recipeSchema = z.discriminatedUnion(
  "model",
  [
    z.strictObject({
      model: z.literal("nano-banana-2"),
      transport: z.enum(MODELS["nano-banana-2"].transports).default(MODELS["nano-banana-2"].transports[0]),
      prompt,
      seed: seed.optional(),
      web_search: z.boolean().default(false),
      reference_ids: referenceIds,
      copy,
      language,
      brand_kit_id: brandKitId,
      brand_kit_version: brandKitVersion,
      ...sharedParams("nano-banana-2"),
    }),
    z.strictObject({
      model: z.literal("nano-banana-2-lite"),
      transport: z
        .enum(MODELS["nano-banana-2-lite"].transports, {
          error: "Nano Banana 2 Lite runs over v2 only.",
        })
        .default("v2"),
      prompt,
      seed: seed.optional(),
      reference_ids: referenceIds,
      copy,
      language,
      brand_kit_id: brandKitId,
      brand_kit_version: brandKitVersion,
      ...sharedParams("nano-banana-2-lite"),
    }),
  ],
  { error: "Pick Nano Banana 2 or Nano Banana 2 Lite." },
);

export type RecipeInput = z.input<typeof recipeSchema>;
export type Recipe = z.infer<typeof recipeSchema>;

/** Turns zod issues into { field: message } for forms and into one sentence for API errors. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  // A plain object (it crosses to the browser in action results), written with defineProperty so a field
  // named `__proto__` or `constructor` is reported instead of touching the prototype or being swallowed.
  const out: Record<string, string> = {};
  const set = (key: string, message: string) => {
    if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value: message, enumerable: true, writable: true, configurable: true });
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) set(k, `${k} is not a parameter this model accepts.`);
      continue;
    }
    set(issue.path.length ? String(issue.path[0]) : "_form", issue.message);
  }
  return out;
}
