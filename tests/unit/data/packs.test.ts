/**
 * Placement packs through the JSON API (issue 13): Meta plus two IAB banners make six generations (one per
 * distinct ratio, one seed), every asset at its exact pixels and under its cap; moving a crop derives again
 * without asking Segmind; the zip holds each file as its manifest row says; unknown placements are named;
 * roles apply. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, session, startStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
let owner: Awaited<ReturnType<typeof newUser>>;

const origin = { host: "studio.test", origin: "http://studio.test" };
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const get = (path: string) => new Request(`http://studio.test${path}`, { headers: origin });
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://studio.test${path}`, { method, headers: { ...origin, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

interface Pack {
  id: string;
  done: boolean;
  generations: { id: string; aspectRatio: string; resolution: string; seed: number; draft: boolean; finalResolution: string | null }[];
  assets: { placementId: string; status: string; width: number; height: number; bytes: number; maxBytes: number; sha256: string; url: string; cropBox: unknown }[];
}

beforeAll(async () => {
  simulator = await startStack({ latencyMs: 100 });
  const { startWorker } = await import("@/lib/jobs/worker");
  startWorker();
  owner = await newUser("Paco");
  session.userId = owner.id;
  session.workspaceId = undefined;
});
afterAll(async () => {
  const { stopWorker } = await import("@/lib/jobs/worker");
  await stopWorker();
  await simulator.close();
});

async function untilDone(id: string): Promise<Pack> {
  const { GET } = await import("@/app/api/v1/packs/[id]/route");
  for (let i = 0; i < 10; i++) {
    const pack = (await (await GET(get(`/api/v1/packs/${id}?wait=5000`), ctx({ id }))).json()) as Pack;
    if (pack.done) return pack;
  }
  throw new Error("the pack did not finish");
}

describe("placement packs", () => {
  it("Meta + two banners: six generations, one seed, every asset exact and under its cap; a crop moves for free; the zip matches its manifest", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const before = simulator.requests.filter((r) => r.method === "POST").length;
    const response = await POST(
      send(
        "POST",
        "/api/v1/packs",
        { model: "nano-banana-2", prompt: "Acme lemonade can on a picnic table", presets: ["meta"], placements: ["iab-medium-rectangle", "iab-leaderboard"] },
        { "idempotency-key": `pack-${Date.now()}` },
      ),
      {},
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as Pack & { plan: { costUsd: number } };
    expect(created.generations.map((g) => g.aspectRatio).sort()).toEqual(["1:1", "16:9", "4:5", "5:4", "8:1", "9:16"].sort());
    expect(new Set(created.generations.map((g) => g.seed)).size).toBe(1);
    expect(created.assets.map((a) => [a.placementId, a.width, a.height])).toContainEqual(["iab-leaderboard", 728, 90]);
    expect(created.plan.costUsd).toBeCloseTo(3 * 0.12 + 0.08 + 2 * 0.06, 6);

    const pack = await untilDone(created.id);
    expect(simulator.requests.filter((r) => r.method === "POST").length - before).toBe(6);
    const { GET: file } = await import("@/app/api/packs/assets/[id]/route");
    for (const asset of pack.assets) {
      expect(asset.status, asset.placementId).toBe("ready");
      const bytes = Buffer.from(await (await file(get(asset.url), ctx({ id: asset.url.split("/").pop()!.split("?")[0]! }))).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height], asset.placementId).toEqual([asset.width, asset.height]);
      expect(bytes.length).toBe(asset.bytes);
      expect(bytes.length).toBeLessThanOrEqual(asset.maxBytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(asset.sha256);
    }

    // The worker and a reader deriving the same source at the same moment: one derivation, no error.
    const { derivePackAssets, packView } = await import("@/lib/packs");
    const { getDb } = await import("@/lib/db");
    const { packAssets } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const square = pack.generations.find((g) => g.aspectRatio === "9:16")!.id;
    await (await getDb()).update(packAssets).set({ status: "waiting" }).where(eq(packAssets.generationId, square));
    await Promise.all([derivePackAssets(square), derivePackAssets(square), packView({ workspaceId: owner.id }, pack.id)]);
    expect((await packView({ workspaceId: owner.id }, pack.id))!.assets.every((a) => a.status === "ready")).toBe(true);

    // Move the Stories crop: a new file, a new box, and not one new generation or upload sent to Segmind.
    // (Only POSTs are counted: another test's job may still be asked about meanwhile.)
    const posts = () => simulator.requests.filter((r) => r.method === "POST").length;
    const requestsNow = posts();
    const { PUT } = await import("@/app/api/v1/packs/[id]/assets/[placement]/route");
    const stories = pack.assets.find((a) => a.placementId === "meta-stories")!;
    const moved = await PUT(send("PUT", `/api/v1/packs/${pack.id}/assets/meta-stories`, { focal: { x: 0, y: 0.5 } }), ctx({ id: pack.id, placement: "meta-stories" }));
    expect(moved.status).toBe(200);
    const after = (await moved.json()) as Pack["assets"][number];
    expect(after.cropBox).not.toEqual(stories.cropBox);
    expect((after.cropBox as { left: number }).left).toBe(0);
    expect(posts()).toBe(requestsNow);
    const refused = await PUT(send("PUT", `/api/v1/packs/${pack.id}/assets/meta-stories`, { focal: { x: 3 } }), ctx({ id: pack.id, placement: "meta-stories" }));
    expect(refused.status).toBe(400);

    // The zip: <platform>/<id>_<w>x<h>.<ext>, each file as its manifest row says.
    const { GET: exportZip } = await import("@/app/api/v1/packs/[id]/export/route");
    const zip = unzipSync(new Uint8Array(await (await exportZip(get(`/api/v1/packs/${pack.id}/export`), ctx({ id: pack.id }))).arrayBuffer()));
    const [header, ...rows] = strFromU8(zip["manifest.csv"]!).trim().split("\r\n");
    const columns = header!.split(",");
    const cell = (row: string, name: string) => row.split(",")[columns.indexOf(name)]!;
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const bytes = zip[cell(row, "file")]!;
      expect(cell(row, "file")).toMatch(/^(meta|iab-display)\/[a-z-]+_\d+x\d+\.jpg$/);
      const meta = await sharp(Buffer.from(bytes)).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(`${cell(row, "width")}x${cell(row, "height")}`);
      expect(String(bytes.length)).toBe(cell(row, "bytes"));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(cell(row, "sha256"));
    }
    expect(cell(rows.find((r) => r.includes("meta-stories"))!, "crop_box")).toMatch(/^0 \d+ \d+ \d+$/);
  });

  it("names unknown placements, keeps the same pack for a retried key, and applies roles", async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const unknown = await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2-lite", prompt: "x", placements: ["meta-storeis"], presets: ["snapchat"] }), {});
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatch(/preset snapchat, meta-storeis/);

    const key = `pack-retry-${Date.now()}`;
    const body = { model: "nano-banana-2-lite", prompt: "retry pack", presets: ["x"] };
    const first = await POST(send("POST", "/api/v1/packs", body, { "idempotency-key": key }), {});
    const again = await POST(send("POST", "/api/v1/packs", body, { "idempotency-key": key }), {});
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(((await again.json()) as Pack).id).toBe(((await first.json()) as Pack).id);

    // A viewer of a team cannot make one (403); someone outside it cannot read it (404).
    const { createWorkspace } = await import("@/lib/workspaces");
    const { createWorkspaceInvite, acceptWorkspaceInvite } = await import("@/lib/workspaces/invites");
    const team = await createWorkspace(owner.id, "Pack team");
    if (!team.ok) throw new Error(team.error);
    const viewer = await newUser("Vera");
    const invite = await createWorkspaceInvite(owner.id, team.workspace.id, "viewer");
    if (!invite.ok) throw new Error(invite.error);
    await acceptWorkspaceInvite(viewer.id, invite.path.split("/").pop()!);
    session.userId = viewer.id;
    session.workspaceId = team.workspace.id;
    expect((await POST(send("POST", "/api/v1/packs", body), {})).status).toBe(403);
    const { GET } = await import("@/app/api/v1/packs/[id]/route");
    session.userId = owner.id;
    session.workspaceId = undefined;
    const mine = (await (await POST(send("POST", "/api/v1/packs", { ...body, prompt: "private pack" }), {})).json()) as Pack;
    const outsider = await newUser("Otto");
    session.userId = outsider.id;
    expect((await GET(get(`/api/v1/packs/${mine.id}`), ctx({ id: mine.id }))).status).toBe(404);
    session.userId = owner.id;
  });

  it("drafts with Lite, then finalises the chosen draft with Nano Banana 2 at its tier: same seed, the draft as a reference, the draft's crop carried over", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const made = await POST(
      send("POST", "/api/v1/packs", { model: "nano-banana-2", prompt: "Draft pack", placements: ["meta-stories", "iab-leaderboard"], draft: "lite" }),
      {},
    );
    expect(made.status).toBe(201);
    const draft = await untilDone(((await made.json()) as Pack).id);
    expect(draft.generations.every((g) => g.resolution === "1K")).toBe(true);
    const litePosts = simulator.requests.filter((r) => r.method === "POST" && r.prompt === "Draft pack");
    expect(litePosts.map((r) => r.model)).toEqual(["nano-banana-2-lite", "nano-banana-2-lite"]);

    // Set the Stories crop on the draft, then finalise the Stories draft only.
    const { PUT } = await import("@/app/api/v1/packs/[id]/assets/[placement]/route");
    await PUT(send("PUT", `/api/v1/packs/${draft.id}/assets/meta-stories`, { focal: { x: 0.5, y: 0 } }), ctx({ id: draft.id, placement: "meta-stories" }));
    const { packView } = await import("@/lib/packs");
    const drafted = (await packView({ workspaceId: owner.id }, draft.id))!;
    const storiesDraft = drafted.assets.find((a) => a.placementId === "meta-stories")!;
    const { POST: finalise } = await import("@/app/api/v1/packs/[id]/finalise/route");
    const key = `finalise-${Date.now()}`;
    const request = () => send("POST", `/api/v1/packs/${draft.id}/finalise`, { generations: [storiesDraft.generationId] }, { "idempotency-key": key });
    const finalised = await finalise(request(), ctx({ id: draft.id }));
    expect(finalised.status).toBe(201);
    expect((await finalise(request(), ctx({ id: draft.id }))).status).toBe(200);
    const done = await untilDone(draft.id);
    const stories = done.assets.find((a) => a.placementId === "meta-stories")!;
    const final = done.generations.find((g) => g.id === (stories as unknown as { generationId: string }).generationId)!;
    expect(final.id).not.toBe(storiesDraft.generationId);
    expect([final.aspectRatio, final.resolution, final.seed]).toEqual(["9:16", "2K", done.generations.find((g) => g.id === storiesDraft.generationId)!.seed]);
    const finalPost = simulator.requests.filter((r) => r.method === "POST" && r.prompt === "Draft pack").at(-1)!;
    expect(finalPost.model).toBe("nano-banana-2");
    expect(finalPost.imageUrls).toHaveLength(1);
    // The crop set on the draft, at the final's scale (1K → 2K: twice the pixels), still at the top.
    const box = stories.cropBox as { left: number; top: number; width: number };
    expect(box.top).toBe(0);
    expect(box.width).toBe(Math.round((storiesDraft.cropBox!.width) * 2));
    expect(stories.status).toBe("ready");
    // The leaderboard still comes from its draft; nothing left of Stories to finalise.
    expect((await finalise(request(), ctx({ id: draft.id }))).status).toBe(200);
    const again = await finalise(send("POST", `/api/v1/packs/${draft.id}/finalise`, { generations: [storiesDraft.generationId] }), ctx({ id: draft.id }));
    expect(again.status).toBe(400);

    // A 512px draft already at the tier its placements need (the leaderboard) is final as it is: only Stories is left to finalise.
    const at512 = (await (
      await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2", prompt: "512 draft", placements: ["meta-stories", "iab-leaderboard"], draft: "512px" }), {})
    ).json()) as Pack;
    expect(at512.generations.filter((g) => g.draft).map((g) => [g.aspectRatio, g.finalResolution])).toEqual([["9:16", "2K"]]);

    // A final pack cannot be drafted with Lite as its model, and an unknown draft kind is named.
    expect((await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2-lite", prompt: "x", placements: ["x-square"], draft: "lite" }), {})).status).toBe(400);
    expect((await (await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2", prompt: "x", placements: ["x-square"], draft: "tiny" }), {})).json()).error).toMatch(/draft/);
  });

  it("gives a far shape a generation of its own, composed for its shape", { timeout: 60_000 }, async () => {
    // The half page (300×600) shares 9:16 with Stories and loses 10.4% to its crop.
    const { POST } = await import("@/app/api/v1/packs/route");
    const created = (await (
      await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2", prompt: "Half page", placements: ["iab-half-page", "meta-stories"] }), {})
    ).json()) as Pack;
    const pack = await untilDone(created.id);
    expect(pack.generations).toHaveLength(1);
    const { POST: own } = await import("@/app/api/v1/packs/[id]/assets/[placement]/generate/route");
    const ask = () => own(send("POST", `/api/v1/packs/${pack.id}/assets/iab-half-page/generate`, {}), ctx({ id: pack.id, placement: "iab-half-page" }));
    expect((await ask()).status).toBe(201);
    const after = await untilDone(pack.id);
    const sourceOf = (id: string) => (after.assets.find((a) => a.placementId === id) as unknown as { generationId: string }).generationId;
    expect(sourceOf("iab-half-page")).not.toBe(sourceOf("meta-stories"));
    expect(after.generations.find((g) => g.id === sourceOf("iab-half-page"))).toMatchObject({ aspectRatio: "9:16", resolution: "512px" });
    expect(simulator.requests.filter((r) => r.method === "POST").at(-1)!.prompt).toMatch(/^Half page\n\nComposition: .*300×600.*middle 89% of its width/);
    expect(after.assets.every((a) => a.status === "ready")).toBe(true);
    // It has its own now: asking again is refused, and costs nothing.
    expect((await ask()).status).toBe(409);
  });

  it("is one gallery entry, reviewed as one (approval pins every file's bytes), put on a board and shared by link", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/v1/packs/route");
    const created = (await (
      await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2", prompt: "Review pack lemonade", placements: ["x-square", "meta-stories"] }), {})
    ).json()) as Pack;
    const pack = await untilDone(created.id);
    expect(pack.generations).toHaveLength(2);
    const actor = { userId: owner.id, workspaceId: owner.id, role: "owner" as const };

    // The gallery: one entry for the pack's two images; the pack filter shows both.
    const { fetchGalleryPage } = await import("@/lib/generations/gallery");
    const page = await fetchGalleryPage(actor, { q: "review pack lemonade" });
    if ("error" in page) throw new Error(page.error);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.pack).toEqual({ id: pack.id, images: 2, placements: 2 });
    const expanded = await fetchGalleryPage(actor, { pack: pack.id });
    if ("error" in expanded) throw new Error(expanded.error);
    expect(expanded.items).toHaveLength(2);

    // Review: changes need a note; an approval records each file's SHA-256, and the export carries them.
    const { sendPackForReview, decidePack, packReviewHistory } = await import("@/lib/packs/review");
    expect((await decidePack(actor, pack.id, "approved")).ok).toBe(false);
    expect(await sendPackForReview(actor, pack.id)).toEqual({ ok: true });
    expect(await decidePack(actor, pack.id, "changes_requested", " ")).toMatchObject({ ok: false, error: expect.stringMatching(/note/) });
    expect(await decidePack(actor, pack.id, "approved")).toEqual({ ok: true });
    const approval = (await packReviewHistory(actor, pack.id)).find((e) => e.kind === "approved")!;
    expect(approval.assets).toEqual(Object.fromEntries(pack.assets.map((a) => [a.placementId, a.sha256])));
    const { packZip } = await import("@/lib/packs");
    const zip = unzipSync((await packZip(actor, pack.id))!.zip);
    const [header, ...rows] = strFromU8(zip["manifest.csv"]!).trim().split("\r\n");
    const columns = header!.split(",");
    for (const row of rows) {
      const cells = row.split(",");
      expect(cells[columns.indexOf("review_state")]).toBe("approved");
      expect(cells[columns.indexOf("approved_sha256")]).toBe(createHash("sha256").update(zip[cells[columns.indexOf("file")]!]!).digest("hex"));
    }

    // On a board: the board's view shows the pack's entry, its zip holds the pack's files.
    const { createBoard, setPackOnBoard } = await import("@/lib/library/boards");
    const board = await createBoard(actor, "Summer campaign");
    if (!board.ok) throw new Error(board.error);
    expect(await setPackOnBoard(actor, board.board!.id, pack.id, true)).toMatchObject({ ok: true });
    const onBoard = await fetchGalleryPage(actor, { board: board.board!.id });
    if ("error" in onBoard) throw new Error(onBoard.error);
    expect(onBoard.items.map((i) => i.pack?.id)).toEqual([pack.id]);
    const { exportBoardZip } = await import("@/lib/library/board-export");
    const boardZip = unzipSync((await exportBoardZip(actor, board.board!.id, "Summer campaign", { approvedOnly: true })).zip);
    const packFiles = Object.keys(boardZip).filter((f) => f.startsWith("packs/01-"));
    expect(packFiles.map((f) => f.split("/").slice(2).join("/")).sort()).toEqual(["manifest.csv", "meta/meta-stories_1080x1920.jpg", "x/x-square_1200x1200.jpg"]);

    // Shared by link: the public page's pack, its files (only this pack's) and its zip; ended, all 404.
    const { createShareLink, revokeShareLink, sharedAsset, sharedContent, sharedZip } = await import("@/lib/library/sharing");
    const link = await createShareLink(actor, { kind: "pack", id: pack.id });
    if (!link.ok) throw new Error(link.error);
    const shown = await sharedContent(link.link.token);
    expect(shown?.kind).toBe("pack");
    const asset = pack.assets[0]!;
    const assetId = asset.url.split("/").pop()!.split("?")[0]!;
    expect(createHash("sha256").update((await sharedAsset(link.link.token, assetId))!.bytes).digest("hex")).toBe(asset.sha256);
    // A file of another pack of the workspace does not pass through this link.
    const foreign = await POST(send("POST", "/api/v1/packs", { model: "nano-banana-2-lite", prompt: "Another pack", placements: ["x-square"] }), {});
    const foreignPack = await untilDone(((await foreign.json()) as Pack).id);
    expect(await sharedAsset(link.link.token, foreignPack.assets[0]!.url.split("/").pop()!.split("?")[0]!)).toBeNull();
    const publicZip = unzipSync((await sharedZip(link.link.token))!.zip);
    expect(strFromU8(publicZip["manifest.csv"]!)).not.toContain("@");
    await revokeShareLink(actor, { kind: "pack", id: pack.id });
    expect(await sharedContent(link.link.token)).toBeNull();
    expect(await sharedAsset(link.link.token, assetId)).toBeNull();

    // Moving a crop of the approved pack sends it back to draft, on the record.
    const { PUT } = await import("@/app/api/v1/packs/[id]/assets/[placement]/route");
    await PUT(send("PUT", `/api/v1/packs/${pack.id}/assets/x-square`, { mode: "pad", background: "#ffffff" }), ctx({ id: pack.id, placement: "x-square" }));
    const { packView } = await import("@/lib/packs");
    expect((await packView(actor, pack.id))!.reviewState).toBe("draft");
    expect((await packReviewHistory(actor, pack.id))[0]).toMatchObject({ kind: "reopened" });
  });

  it("lists the catalog with presets", async () => {
    const { GET } = await import("@/app/api/v1/placements/route");
    const catalog = (await (await GET(get("/api/v1/placements"), {})).json()) as { placements: { id: string; ratio: string }[]; presets: { name: string }[] };
    expect(catalog.placements).toHaveLength(23);
    expect(catalog.placements.find((p) => p.id === "iab-leaderboard")?.ratio).toBe("8:1");
    expect(catalog.presets.map((p) => p.name)).toContain("everything");
  });
});
