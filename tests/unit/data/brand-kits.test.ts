/**
 * Brand kits (issue 14) through the JSON API: a kit made from a logo upload (its palette suggested from the
 * logo's pixels), versioned on edit; a run with the kit carries its logo as a reference, its style and palette
 * in the prompt and its legal line in the copy, records the version, and is checked against that version —
 * banned words read back from the image, and the image's colours against the palette (CIEDE2000).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import sharp from "sharp";
import type { Simulator } from "@/lib/segmind/simulator/server";
import type { GenerationView } from "@/lib/generations/view";
import type { KitView } from "@/lib/brand-kits";
import { newUser, session, startWorkingStack, stopWorkingStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
const origin = { host: "studio.test", origin: "http://studio.test" };
const json = { ...origin, "content-type": "application/json" };
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  simulator = await startWorkingStack({ latencyMs: 50 });
  session.userId = (await newUser("Bea")).id;
  session.workspaceId = undefined;
});
afterAll(() => stopWorkingStack(simulator));

/** A logo: a lemon-yellow disc and a navy bar on a transparent ground. */
async function logo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="80" r="70" fill="#F5D90A"/><rect x="20" y="160" width="160" height="30" fill="#1B2A4A"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function upload(bytes: Buffer): Promise<string> {
  const { POST } = await import("@/app/api/uploads/route");
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], "logo.png", { type: "image/png" }));
  const response = await POST(new Request("http://studio.test/api/uploads", { method: "POST", headers: origin, body: form }), undefined);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function generate(body: Record<string, unknown>): Promise<GenerationView> {
  const { POST } = await import("@/app/api/v1/generations/route");
  const response = await POST(
    new Request("http://studio.test/api/v1/generations", { method: "POST", headers: json, body: JSON.stringify({ model: "nano-banana-2-lite", ...body }) }),
    {},
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const id = ((await response.json()) as { generations: GenerationView[] }).generations[0]!.id;
  const { GET } = await import("@/app/api/v1/generations/[id]/route");
  for (let i = 0; i < 10; i++) {
    const view = (await (await GET(new Request(`http://studio.test/api/v1/generations/${id}?wait=20000`, { headers: origin }), ctx(id))).json()) as GenerationView;
    if (view.status === "completed" && view.checks?.status !== "pending") return view;
  }
  throw new Error("not checked in time");
}

describe("brand kits", () => {
  let kit: KitView;
  let logoId: string;

  it("suggests a palette from a logo, creates a kit, and versions it on every edit", async () => {
    logoId = await upload(await logo());
    const { suggestPaletteAction } = await import("@/lib/actions/brand-kit-actions");
    const suggested = await suggestPaletteAction(logoId);
    if (!suggested.ok) throw new Error(suggested.error);
    const { colourDistance } = await import("@/lib/checks/colour");
    // The logo's two colours come back (the transparent ground is no colour), each within a just-noticeable step.
    for (const hex of ["#F5D90A", "#1B2A4A"]) expect(Math.min(...suggested.palette.map((c) => colourDistance(c.hex, hex)))).toBeLessThan(3);
    expect(suggested.palette[0]!.name).toMatch(/^[A-Z][a-z]+/);

    const { POST, GET } = await import("@/app/api/v1/brand-kits/route");
    const bad = await POST(
      new Request("http://studio.test/api/v1/brand-kits", { method: "POST", headers: json, body: JSON.stringify({ name: "Fizz", palette: [{ hex: "#GG0000", name: "Red" }] }) }),
      {},
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/“#GG0000” is not a hex colour/);

    const created = await POST(
      new Request("http://studio.test/api/v1/brand-kits", {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          name: "Lemon Fizz",
          palette: [
            { hex: "#F5D90A", name: "Lemon" },
            { hex: "1b2a4a", name: "Navy" },
          ],
          style: "Bright, sunny and playful; bold sans-serif type.",
          legal: "Drink responsibly.",
          banned: ["guaranteed", "cures"],
          images: [{ uploadId: logoId, role: "logo" }],
        }),
      }),
      {},
    );
    expect(created.status, await created.clone().text()).toBe(201);
    kit = (await created.json()) as KitView;
    expect(kit).toMatchObject({ version: 1, name: "Lemon Fizz", palette: [{ hex: "#F5D90A" }, { hex: "#1B2A4A" }] });
    expect(kit.images.map((i) => [i.id, i.role])).toEqual([[logoId, "logo"]]);

    const { PUT, GET: one } = await import("@/app/api/v1/brand-kits/[id]/route");
    const edited = await PUT(
      new Request(`http://studio.test/api/v1/brand-kits/${kit.id}`, {
        method: "PUT",
        headers: json,
        body: JSON.stringify({ ...kitBody(kit), style: "Bright and sunny; bold sans-serif type." }),
      }),
      ctx(kit.id),
    );
    expect(edited.status).toBe(200);
    kit = (await edited.json()) as KitView;
    expect(kit.version).toBe(2);
    const first = (await (await one(new Request(`http://studio.test/api/v1/brand-kits/${kit.id}?version=1`, { headers: origin }), ctx(kit.id))).json()) as KitView & {
      versions: { version: number }[];
    };
    expect(first.style).toBe("Bright, sunny and playful; bold sans-serif type.");
    expect(first.versions.map((v) => v.version)).toEqual([2, 1]);
    const list = (await (await GET(new Request("http://studio.test/api/v1/brand-kits", { headers: origin }), {})).json()) as { brandKits: KitView[] };
    expect(list.brandKits.map((k) => [k.name, k.version])).toEqual([["Lemon Fizz", 2]]);
  });

  it("a run with the kit carries its logo, style, palette and legal line, and is checked against it", { timeout: 90_000 }, async () => {
    const view = await generate({ prompt: "A can of lemonade on a picnic table", brandKitId: kit.id, copy: { headline: "Guaranteed fresh taste" } });
    expect(view.brandKit).toEqual({ id: kit.id, version: 2, name: "Lemon Fizz" });
    expect(view.references.map((r) => r.uploadId)).toEqual([logoId]);
    expect(view.prompt).toContain("Brand kit “Lemon Fizz” — style: Bright and sunny; bold sans-serif type.");
    expect(view.prompt).toContain("Palette: Lemon #F5D90A, Navy #1B2A4A.");
    expect(view.copy).toEqual({ headline: "Guaranteed fresh taste", legal: "Drink responsibly." });

    const findings = view.checks!.findings;
    expect(view.checks!.status).toBe("failed");
    expect(findings.filter((f) => f.kind === "banned-word")).toMatchObject([{ ok: false, found: "guaranteed", message: "“guaranteed” is banned by Lemon Fizz." }]);
    // The simulator kept to the palette the prompt named: on brand, with the distance reported.
    const palette = findings.find((f) => f.kind === "palette")!;
    expect(palette.ok, palette.message).toBe(true);
    expect(palette.deltaE).toBeLessThan(5);
    expect(findings.find((f) => f.field === "legal")).toMatchObject({ kind: "text", ok: true });

    // Off brand: the same kit, colours far from its palette.
    const off = await generate({ prompt: "A can of lemonade [sim:offbrand]", brandKitId: kit.id });
    const offPalette = off.checks!.findings.find((f) => f.kind === "palette")!;
    expect(offPalette.ok).toBe(false);
    expect(offPalette.deltaE).toBeGreaterThan(15);
    expect(offPalette.message).toMatch(/^Off palette: .* ΔE00 .*pass ≤ 15/);
    expect(off.checks!.findings.filter((f) => f.kind === "banned-word").map((f) => f.ok)).toEqual([true]);
  });

  it("a run names the version it used; a reproduce keeps it; an unknown kit is a clear 400", { timeout: 60_000 }, async () => {
    const old = await generate({ prompt: "A can of lemonade", brandKitId: kit.id, brandKitVersion: 1 });
    expect(old.brandKit).toEqual({ id: kit.id, version: 1, name: "Lemon Fizz" });
    expect(old.prompt).toContain("style: Bright, sunny and playful");
    const { rerunAction } = await import("@/lib/actions/rerun-action");
    const again = await rerunAction(old.id, "reproduce");
    if (!again.ok) throw new Error(again.error);
    expect(again.generation.brandKit).toEqual({ id: kit.id, version: 1, name: "Lemon Fizz" });
    expect(again.generation.prompt).toBe(old.prompt);
    expect(again.generation.references).toHaveLength(1);

    const { POST } = await import("@/app/api/v1/generations/route");
    const unknown = await POST(
      new Request("http://studio.test/api/v1/generations", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ model: "nano-banana-2-lite", prompt: "x", brandKitId: crypto.randomUUID() }),
      }),
      {},
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/no such brand kit/);
  });

  it("a grid's template takes the kit by the API's name too", async () => {
    const { POST } = await import("@/app/api/v1/grids/route");
    const preview = await POST(
      new Request("http://studio.test/api/v1/grids?dryRun=1", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ template: { model: "nano-banana-2-lite", prompt: "A can on {{background}}", brandKitId: kit.id }, rows: [{ background: "a beach" }] }),
      }),
      {},
    );
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(((await preview.json()) as { jobs: number }).jobs).toBe(1);
  });

  it("a pack with a kit pins its version for every source, and each asset shows the kit's checks", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const created = await POST(
      new Request("http://studio.test/api/v1/packs", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ model: "nano-banana-2-lite", prompt: "A can of lemonade", brandKitId: kit.id, placements: ["meta-stories", "x-square"] }),
      }),
      {},
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The kit changes while the pack is being made: the pack keeps the version it started with.
    const { PUT } = await import("@/app/api/v1/brand-kits/[id]/route");
    const edit = await PUT(
      new Request(`http://studio.test/api/v1/brand-kits/${kit.id}`, { method: "PUT", headers: json, body: JSON.stringify({ ...kitBody(kit), banned: ["miracle"] }) }),
      ctx(kit.id),
    );
    expect(((await edit.json()) as KitView).version).toBe(3);

    const { GET } = await import("@/app/api/v1/packs/[id]/route");
    type PackView = {
      done: boolean;
      recipe?: unknown;
      generations: { id: string; brandKit?: unknown }[];
      assets: { placementId: string; checks: { status: string; findings: { kind: string; ok: boolean }[] } | null }[];
    };
    let pack: PackView | null = null;
    for (let i = 0; i < 15 && !pack?.done; i++)
      pack = (await (await GET(new Request(`http://studio.test/api/v1/packs/${id}?wait=10000`, { headers: origin }), ctx(id))).json()) as PackView;
    expect(pack?.done).toBe(true);
    const { fetchGenerationViews } = await import("@/lib/generations");
    const { session } = await import("./setup");
    const sources = await fetchGenerationViews({ workspaceId: await workspaceOf(session.userId!) }, pack!.generations.map((g) => g.id));
    expect(sources.map((g) => g.brandKit?.version)).toEqual(sources.map(() => 2));
    for (const asset of pack!.assets) {
      expect(asset.checks?.findings.find((f) => f.kind === "palette")?.ok, asset.placementId).toBe(true);
    }
    // Stories' keep-out zones are checked beside the kit's findings.
    expect(pack!.assets.find((a) => a.placementId === "meta-stories")?.checks?.findings.some((f) => f.kind === "keep-out")).toBe(true);
  });
});

function kitBody(kit: KitView) {
  return { name: kit.name, palette: kit.palette, style: kit.style, legal: kit.legal, banned: kit.banned, images: kit.images.map((i) => ({ uploadId: i.id, role: i.role })) };
}

async function workspaceOf(userId: string): Promise<string> {
  const { listWorkspaces } = await import("@/lib/workspaces");
  return (await listWorkspaces(userId))[0]!.id;
}
