import { describe, expect, it } from "vitest";
import {
  ASPECT_RATIOS,
  MODEL_IDS,
  MODELS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  RESPONSE_MODALITIES,
  THINKING_LEVELS,
  isOneOf,
  outputSize,
} from "@/lib/segmind/catalog";
import { recipeSchema, segmindPayloadSchemas } from "@/lib/segmind/schema";

const base = { prompt: "a red bicycle" };

describe.each(MODEL_IDS)("%s payload", (model) => {
  const schema = segmindPayloadSchemas[model];
  const spec = MODELS[model];

  it("fills the model's documented defaults", () => {
    const parsed = schema.parse(base);
    expect(parsed).toMatchObject({
      aspect_ratio: "1:1",
      output_format: "jpg",
      output_resolution: "1K",
      response_modalities: "TEXT_AND_IMAGE",
      safety_tolerance: 4,
      seed: spec.defaults.seed,
      thinking_level: spec.defaults.thinking_level,
      image_urls: [],
    });
  });

  it.each(ASPECT_RATIOS)("accepts aspect_ratio %s", (aspect_ratio) => {
    expect(schema.safeParse({ ...base, aspect_ratio }).success).toBe(true);
  });
  it.each(["7:5", "1:2", "", "16/9", "AUTO"])("rejects aspect_ratio %j", (aspect_ratio) => {
    expect(schema.safeParse({ ...base, aspect_ratio }).success).toBe(false);
  });
  it.each(OUTPUT_FORMATS)("accepts output_format %s", (output_format) => {
    expect(schema.safeParse({ ...base, output_format }).success).toBe(true);
  });
  it.each(["webp", "jpeg", "PNG"])("rejects output_format %s", (output_format) => {
    expect(schema.safeParse({ ...base, output_format }).success).toBe(false);
  });
  it.each(RESPONSE_MODALITIES)("accepts response_modalities %s", (response_modalities) => {
    expect(schema.safeParse({ ...base, response_modalities }).success).toBe(true);
  });
  it.each(THINKING_LEVELS)("accepts thinking_level %s", (thinking_level) => {
    expect(schema.safeParse({ ...base, thinking_level }).success).toBe(true);
  });
  it("rejects thinking_level medium", () => {
    expect(schema.safeParse({ ...base, thinking_level: "medium" }).success).toBe(false);
  });
  it.each([1, 2, 3, 4, 5, 6])("accepts safety_tolerance %i", (safety_tolerance) => {
    expect(schema.safeParse({ ...base, safety_tolerance }).success).toBe(true);
  });
  it.each([0, 7, 3.5, "4"])("rejects safety_tolerance %j", (safety_tolerance) => {
    expect(schema.safeParse({ ...base, safety_tolerance }).success).toBe(false);
  });
  it("accepts 14 reference images and rejects 15", () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
    expect(schema.safeParse({ ...base, image_urls: urls(14) }).success).toBe(true);
    expect(schema.safeParse({ ...base, image_urls: urls(15) }).success).toBe(false);
    expect(schema.safeParse({ ...base, image_urls: ["not a url"] }).success).toBe(false);
  });
  it("requires a prompt and an integer seed", () => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ prompt: "   " }).success).toBe(false);
    expect(schema.safeParse({ ...base, seed: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...base, seed: 123 }).success).toBe(true);
  });
  it.each(RESOLUTIONS)("output_resolution %s follows the catalog", (output_resolution) => {
    expect(schema.safeParse({ ...base, output_resolution }).success).toBe(isOneOf(spec.resolutions, output_resolution));
  });
});

describe("model differences", () => {
  it("Nano Banana 2 accepts every resolution and web_search", () => {
    for (const output_resolution of ["512px", "1K", "2K", "4K"]) {
      expect(segmindPayloadSchemas["nano-banana-2"].safeParse({ ...base, output_resolution }).success).toBe(true);
    }
    expect(segmindPayloadSchemas["nano-banana-2"].safeParse({ ...base, web_search: true }).success).toBe(true);
  });
  it("Lite is 1K only, has no web_search and thinks high by default", () => {
    const lite = segmindPayloadSchemas["nano-banana-2-lite"];
    expect(lite.safeParse({ ...base, output_resolution: "2K" }).success).toBe(false);
    expect(lite.safeParse({ ...base, web_search: false }).success).toBe(false);
    expect(lite.parse(base).thinking_level).toBe("high");
    expect(segmindPayloadSchemas["nano-banana-2"].parse(base).thinking_level).toBe("minimal");
  });
  it("rejects 8K on either model", () => {
    for (const model of MODEL_IDS) expect(segmindPayloadSchemas[model].safeParse({ ...base, output_resolution: "8K" }).success).toBe(false);
  });
});

describe("studio recipe", () => {
  it("lets Nano Banana 2 run over v1 but not Lite", () => {
    expect(recipeSchema.safeParse({ model: "nano-banana-2", transport: "v1", prompt: "x" }).success).toBe(true);
    expect(recipeSchema.safeParse({ model: "nano-banana-2-lite", transport: "v1", prompt: "x" }).success).toBe(false);
  });
  it("leaves the seed open when none is given and rejects unknown models", () => {
    expect(recipeSchema.parse({ model: "nano-banana-2-lite", prompt: "x" }).seed).toBeUndefined();
    expect(recipeSchema.safeParse({ model: "nano-banana-3", prompt: "x" }).success).toBe(false);
  });
});

describe("output sizes", () => {
  it.each([
    ["1:1", "1K", 1024, 1024],
    ["16:9", "1K", 1376, 768],
    ["9:16", "1K", 768, 1376],
    ["21:9", "1K", 1584, 672],
    ["1:8", "1K", 384, 3072],
    ["1:1", "512px", 512, 512],
    ["16:9", "512px", 688, 384],
    ["9:16", "512px", 384, 688],
    ["16:9", "2K", 2752, 1536],
    ["1:1", "4K", 4096, 4096],
  ] as const)("%s at %s is %i×%i", (ratio, resolution, width, height) => {
    expect(outputSize(ratio, resolution)).toEqual({ width, height });
  });
});
