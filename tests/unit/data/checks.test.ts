/**
 * Copy checks through the JSON API (issue 14): the copy is composed into the prompt, the simulator draws it,
 * OCR (tesseract.js, offline, English and Spanish data from npm) reads it back, and the verdict comes with the
 * generation; a typo is named, "Fix the text" makes a new version that passes, missing text and a language
 * without data are said plainly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import type { GenerationView } from "@/lib/generations/view";
import { newUser, session, startWorkingStack, stopWorkingStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
const origin = { host: "studio.test", origin: "http://studio.test" };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  simulator = await startWorkingStack({ latencyMs: 50 });
  session.userId = (await newUser("Cora")).id;
  session.workspaceId = undefined;
});
afterAll(() => stopWorkingStack(simulator));

/** Makes one image with copy and waits until it is finished and checked. */
async function generate(body: Record<string, unknown>): Promise<GenerationView> {
  const { POST } = await import("@/app/api/v1/generations/route");
  const response = await POST(
    new Request("http://studio.test/api/v1/generations", {
      method: "POST",
      headers: { ...origin, "content-type": "application/json" },
      body: JSON.stringify({ model: "nano-banana-2-lite", ...body }),
    }),
    {},
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as { generations?: GenerationView[] } & GenerationView;
  return settled((created.generations?.[0] ?? created).id);
}

async function settled(id: string): Promise<GenerationView> {
  const { GET } = await import("@/app/api/v1/generations/[id]/route");
  for (let i = 0; i < 10; i++) {
    const view = (await (await GET(new Request(`http://studio.test/api/v1/generations/${id}?wait=20000`, { headers: origin }), ctx(id))).json()) as GenerationView;
    if (view.status === "completed" && view.checks?.status !== "pending") return view;
  }
  throw new Error("not checked in time");
}

const copy = { headline: "LEMON FIZZ 2 FOR $5", cta: "Shop now" };

describe("copy checks", () => {
  it("passes copy drawn right; names a misspelled word; Fix the text makes a new version that passes", { timeout: 90_000 }, async () => {
    const good = await generate({ prompt: "A lemonade can on a picnic table", copy });
    expect(good.prompt).toContain('- Headline: "LEMON FIZZ 2 FOR $5"');
    expect(good.copy).toEqual(copy);
    expect(good.checks?.status, JSON.stringify(good.checks)).toBe("passed");
    expect(good.checks?.findings.filter((f) => f.kind === "text").map((f) => [f.field, f.ok])).toEqual([
      ["headline", true],
      ["cta", true],
    ]);

    // Black on white: each field's contrast is measured and passes.
    expect(good.checks!.findings.filter((f) => f.kind === "contrast").map((f) => [f.field, f.ok])).toEqual([
      ["headline", true],
      ["cta", true],
    ]);

    const typo = await generate({ prompt: "A lemonade can [sim:typo]", copy });
    expect(typo.checks?.status).toBe("failed");
    const headline = typo.checks!.findings.find((f) => f.field === "headline")!;
    expect(headline.ok).toBe(false);
    expect(headline.misspelled).toEqual([{ expected: "lemon", found: "lmeon" }]);
    expect(headline.message).toMatch(/“lmeon” for “lemon”/);

    const { fixTextAction } = await import("@/lib/actions/fix-text-action");
    const fixed = await fixTextAction(typo.id);
    if (!fixed.ok) throw new Error(fixed.error);
    const version = await settled(fixed.generation.id);
    expect(version.source).toEqual({ id: typo.id, how: "fix" });
    expect(version.prompt).toMatch(/"lmeon" must read "lemon"/);
    expect(version.references).toHaveLength(1);
    expect(version.checks?.status).toBe("passed");
    // Nothing left to fix on a passing image.
    expect((await fixTextAction(version.id)).ok).toBe(false);
  });

  it("flags copy a pack's Stories placement shows under the platform's buttons, from the source's words (no second OCR)", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const response = await POST(
      new Request("http://studio.test/api/v1/packs", {
        method: "POST",
        headers: { ...origin, "content-type": "application/json" },
        body: JSON.stringify({
          model: "nano-banana-2-lite",
          prompt: "Lemonade can [sim:textzone=bottom]",
          copy: { headline: "LEMON FIZZ", cta: "Shop now" },
          placements: ["meta-stories", "tiktok-in-feed", "x-square"],
        }),
      }),
      {},
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const { GET } = await import("@/app/api/v1/packs/[id]/route");
    type Asset = { placementId: string; checks: { status: string; findings: { kind: string; ok: boolean; message: string }[] } | null };
    let assets: Asset[] = [];
    for (let i = 0; i < 10; i++) {
      const pack = (await (await GET(new Request(`http://studio.test/api/v1/packs/${id}?wait=10000`, { headers: origin }), ctx(id))).json()) as {
        done: boolean;
        assets: Asset[];
      };
      assets = pack.assets;
      if (pack.done) break;
    }
    const stories = assets.find((a) => a.placementId === "meta-stories")!;
    expect(stories.checks?.status).toBe("failed");
    expect(stories.checks!.findings.find((f) => f.kind === "keep-out")).toMatchObject({ ok: false, message: expect.stringMatching(/bottom keep-out zone/) });
    // The text itself reads right; X has no keep-out zones: its copy passes.
    expect(stories.checks!.findings.filter((f) => f.kind === "text").every((f) => f.ok)).toBe(true);
    expect(assets.find((a) => a.placementId === "x-square")!.checks?.status).toBe("passed");
  });

  it("says when copy is missing, checks Spanish and German with their own data, and says plainly when a language has none", { timeout: 90_000 }, async () => {
    const none = await generate({ prompt: "No text drawn [sim:notext]", copy: { headline: "SUMMER SALE", legal: "Offer ends 31 May." } });
    expect(none.checks?.status).toBe("failed");
    expect(none.checks!.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(["missing-text", "legal-line"]));

    const spanish = await generate({ prompt: "Una lata de limonada", copy: { headline: "VERANO: DOS POR 5 EUROS", cta: "Compra ahora" }, language: "es", seed: 7919 });
    expect(spanish.checks, JSON.stringify(spanish.checks?.findings.filter((f) => !f.ok))).toMatchObject({ status: "passed", language: "es" });

    const german = await generate({ prompt: "Eine Dose Limonade", copy: { headline: "SOMMER: ZWEI FÜR 5 EURO", cta: "Jetzt kaufen" }, language: "de", seed: 7919 });
    expect(german.checks, JSON.stringify(german.checks?.findings.filter((f) => !f.ok))).toMatchObject({ status: "passed", language: "de" });

    const japanese = await generate({ prompt: "A can", copy: { headline: "LEMON" }, language: "ja" });
    expect(japanese.checks).toMatchObject({ status: "unavailable", message: expect.stringMatching(/not available for “ja”/) });

    // Bad copy is a 400 naming the field, nothing is made.
    const { POST } = await import("@/app/api/v1/generations/route");
    const bad = await POST(
      new Request("http://studio.test/api/v1/generations", {
        method: "POST",
        headers: { ...origin, "content-type": "application/json" },
        body: JSON.stringify({ model: "nano-banana-2-lite", prompt: "x", copy: { headline: "x".repeat(201), slogan: "y" } }),
      }),
      {},
    );
    expect(bad.status).toBe(400);
  });
});
