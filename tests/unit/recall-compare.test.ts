/** Recall merges only what was asked for into the draft; compare marks exactly the settings that differ. */
import { describe, expect, it } from "vitest";
import { applyRecall, describeChange, groupRuns } from "@/components/studio/draft";
import { defaultSettings, settingsFromRecipe } from "@/components/studio/settings";
import { compareRows, promptDiff } from "@/lib/library/compare";
import type { GenerationView } from "@/lib/generations/view";

const ref = (id: string) => ({ id, url: `/api/uploads/${id}`, fileName: `${id}.png`, width: 10, height: 10 });
const source = settingsFromRecipe("nano-banana-2-lite", "v2", {
  prompt: "recalled prompt",
  seed: 99,
  aspect_ratio: "9:16",
  output_format: "png",
  output_resolution: "1K",
  response_modalities: "IMAGE",
  safety_tolerance: 2,
  thinking_level: "minimal",
});
const draft = {
  settings: { ...defaultSettings("nano-banana-2", "v2"), prompt: "my draft", aspect_ratio: "1:1" as const, count: 4 },
  references: [ref("mine")],
};

describe("recall", () => {
  it("seed only: pins the seed and keeps everything else of the draft", () => {
    const next = applyRecall(draft, { mode: "seed", settings: source, references: [ref("theirs")] }, []);
    expect(next.settings).toEqual({ ...draft.settings, seed: "99", seedMode: "keep" });
    expect(next.references).toEqual(draft.references);
  });

  it("prompt only: replaces the prompt and nothing else", () => {
    const next = applyRecall(draft, { mode: "prompt", settings: source, references: [] }, []);
    expect(next.settings).toEqual({ ...draft.settings, prompt: "recalled prompt" });
  });

  it("all: every setting and reference of the image, but the run size stays the user's", () => {
    const next = applyRecall(draft, { mode: "all", settings: source, references: [ref("theirs")] }, [ref("added")]);
    expect(next.settings).toEqual({ ...source, count: 1 });
    expect(next.settings.model).toBe("nano-banana-2-lite");
    expect(next.references.map((r) => r.id)).toEqual(["theirs", "added"]);
  });

  it("all, without a new reference, keeps the user's run size", () => {
    const next = applyRecall(draft, { mode: "all", settings: source, references: [ref("theirs")] }, []);
    expect(next.settings.count).toBe(4);
  });

  it("use as reference: the image is added and the run size drops to one image", () => {
    const next = applyRecall(draft, null, [ref("from-gallery")]);
    expect(next.settings).toEqual({ ...draft.settings, count: 1 });
    expect(next.references.map((r) => r.id)).toEqual(["mine", "from-gallery"]);
    expect(describeChange(draft, next)).toEqual(["2 references", "1 image per run"]);
  });

  it("says in words what a recall changed, for the notice with Undo", () => {
    const next = applyRecall(draft, { mode: "all", settings: source, references: [] }, []);
    expect(describeChange(draft, next)).toEqual(["Nano Banana 2 Lite", "prompt", "9:16", "PNG", "seed 99", "advanced settings", "no references"]);
    expect(describeChange(draft, applyRecall(draft, { mode: "seed", settings: source, references: [] }, []))).toEqual(["seed 99"]);
    expect(describeChange(draft, draft)).toEqual([]);
  });
});

describe("runs", () => {
  it("groups a batch into one run in batch order, newest run first", () => {
    const runs = groupRuns([
      { id: "b2", batchId: "B", batchIndex: 2 },
      { id: "b0", batchId: "B", batchIndex: 0 },
      { id: "solo", batchId: null, batchIndex: 0 },
      { id: "b1", batchId: "B", batchIndex: 1 },
    ]);
    expect(runs).toEqual([
      { id: "B", ids: ["b0", "b1", "b2"] },
      { id: "solo", ids: ["solo"] },
    ]);
  });
});

describe("compare", () => {
  const view = (seed: number, prompt: string, aspect = "1:1") =>
    ({
      modelName: "Nano Banana 2",
      seed,
      prompt,
      transport: "v2",
      references: [],
      images: [{ width: 1024, height: 1024 }],
      params: {
        prompt,
        seed,
        aspect_ratio: aspect,
        output_format: "jpg",
        output_resolution: "1K",
        response_modalities: "IMAGE",
        safety_tolerance: 4,
        thinking_level: "minimal",
      },
    }) as unknown as GenerationView;

  it("flags exactly the rows whose values differ", () => {
    const rows = compareRows([view(1, "a red mug"), view(2, "a red mug", "16:9"), view(3, "a red mug")]);
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(["Seed", "Aspect ratio"]);
    expect(rows.find((r) => r.label === "Seed")!.values).toEqual(["1", "2", "3"]);
  });

  it("marks the words a prompt does not share with the others", () => {
    const [a, b] = promptDiff(["A red mug, studio light", "A blue mug, studio light"]);
    expect(a!.filter((w) => w.differs).map((w) => w.word)).toEqual(["red"]);
    expect(b!.filter((w) => w.differs).map((w) => w.word)).toEqual(["blue"]);
  });
});
