/**
 * The iteration workflow's data layer: batches, the queue (cancel / dismiss), gallery pages and search,
 * favorites, boards, share links, access tokens and the v1 API, zip export and recipe-carrying downloads.
 * No worker runs here, so queued jobs stay unsent until a test says otherwise. PGlite, then PostgreSQL.
 */
import { createHash } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import type { GenerationView } from "@/lib/generations/view";
import { newUser, seedImage, session, startStack, personal } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  simulator = await startStack();
  alice = await newUser("Alice");
  bob = await newUser("Bob");
});
afterAll(async () => {
  const { database } = await import("@/lib/db");
  await (await database()).close();
  await simulator.close();
});
beforeEach(() => {
  session.userId = alice.id;
});

const recipe = (prompt: string, extra: Record<string, unknown> = {}) => ({ model: "nano-banana-2-lite", transport: "v2", prompt, ...extra });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

describe("batches", () => {
  it("makes one generation per image, same recipe and batch, each with its own seed", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const result = await generateAction(recipe("four lemons"), "batch-key-0001", 4);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.generations).toHaveLength(4);
    expect(new Set(result.generations.map((g) => g.batchId)).size).toBe(1);
    expect(new Set(result.generations.map((g) => g.seed)).size).toBe(4);
    expect(result.generations.map((g) => g.batchIndex)).toEqual([0, 1, 2, 3]);
    expect(new Set(result.generations.map((g) => JSON.stringify({ ...g.params, seed: 0 }))).size).toBe(1);
    // Written in one transaction, still made in order: the gallery (newest first) shows the last image first.
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { desc, eq } = await import("drizzle-orm");
    const newestFirst = await (await getDb())
      .select({ index: generations.batchIndex })
      .from(generations)
      .where(eq(generations.batchId, result.generations[0]!.batchId!))
      .orderBy(desc(generations.createdAt), desc(generations.id));
    expect(newestFirst.map((r) => r.index)).toEqual([3, 2, 1, 0]);
    // The same click again (a retried action) returns the same four.
    const again = await generateAction(recipe("four lemons"), "batch-key-0001", 4);
    expect(again.ok && again.generations.map((g) => g.id)).toEqual(result.generations.map((g) => g.id));
  });

  it("counts up from a pinned seed", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const result = await generateAction(recipe("pinned", { seed: 2_147_483_646 }), undefined, 3);
    expect(result.ok && result.generations.map((g) => g.seed)).toEqual([2_147_483_646, 2_147_483_647, 0]);
  });

  it("refuses a count outside 1–8 with a clear error and creates nothing", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const { fetchQueue } = await import("@/lib/generations/queue");
    const before = (await fetchQueue(personal(alice))).length;
    for (const count of [0, 9, 2.5, "3" as unknown as number]) {
      const result = await generateAction(recipe("bad count"), undefined, count);
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/between 1 and 8/) });
    }
    expect((await fetchQueue(personal(alice))).length).toBe(before);
  });
});

describe("queue", () => {
  it("lists pending jobs; cancels unsent ones (nothing sent) and dismisses without stopping them", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const { cancelJobAction, dismissJobAction } = await (await import("./setup")).libraryActions();
    const { fetchQueue } = await import("@/lib/generations/queue");
    const made = await generateAction(recipe("queue me"), undefined, 2);
    if (!made.ok) throw new Error(made.error);
    const [first, second] = made.generations;
    const queue = await fetchQueue(personal(alice));
    expect(queue.map((q) => q.id)).toEqual(expect.arrayContaining([first!.id, second!.id]));
    expect(queue.find((q) => q.id === first!.id)).toMatchObject({ status: "queued", cancellable: true, prompt: "queue me" });
    expect(await fetchQueue(personal(bob))).toEqual([]);

    // Bob cannot cancel Alice's job.
    session.userId = bob.id;
    expect(await cancelJobAction(first!.id)).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    session.userId = alice.id;

    expect(await cancelJobAction(first!.id)).toEqual({ ok: true });
    const { fetchGenerationView } = await import("@/lib/generations");
    const cancelled = (await fetchGenerationView(personal(alice), first!.id))!;
    expect(cancelled.status).toBe("failed");
    expect(cancelled.error).toMatchObject({ code: "cancelled", mayHaveBeenCharged: false });
    expect(await cancelJobAction(first!.id)).toMatchObject({ ok: false, error: expect.stringMatching(/already finished/) });

    // A job on its way to Segmind cannot be cancelled, only dismissed.
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(generations).set({ status: "processing", submittedAt: new Date() }).where(eq(generations.id, second!.id));
    expect(await cancelJobAction(second!.id)).toMatchObject({ ok: false, error: expect.stringMatching(/Dismiss it instead/) });
    expect(await dismissJobAction(second!.id)).toEqual({ ok: true });
    const after = await fetchQueue(personal(alice));
    expect(after.map((q) => q.id)).not.toContain(first!.id);
    expect(after.map((q) => q.id)).not.toContain(second!.id);
    expect((await fetchGenerationView(personal(alice), second!.id))!.status).toBe("processing");
    expect(simulator.requests.filter((r) => r.prompt === "queue me")).toEqual([]);
  });

  it("cancel all stops the images of a run not yet sent, only for its owner, and leaves the sent ones running", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const { cancelBatchAction } = await (await import("./setup")).libraryActions();
    const { fetchQueue } = await import("@/lib/generations/queue");
    const made = await generateAction(recipe("cancel the rest"), undefined, 3);
    if (!made.ok) throw new Error(made.error);
    const batchId = made.generations[0]!.batchId!;
    expect((await fetchQueue(personal(alice))).filter((q) => q.batchId === batchId)).toHaveLength(3);
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const sent = made.generations[0]!.id;
    await (await getDb()).update(generations).set({ status: "processing", submittedAt: new Date() }).where(eq(generations.id, sent));

    session.userId = bob.id;
    expect(await cancelBatchAction(batchId)).toEqual({ ok: true, cancelled: 0 });
    session.userId = alice.id;
    expect(await cancelBatchAction("not-a-run")).toMatchObject({ ok: false });
    expect(await cancelBatchAction(batchId)).toEqual({ ok: true, cancelled: 2 });
    const left = (await fetchQueue(personal(alice))).filter((q) => q.batchId === batchId);
    expect(left.map((q) => q.id)).toEqual([sent]);
    expect(left[0]!.submittedAt).not.toBeNull();
    expect(simulator.requests.filter((r) => r.prompt === "cancel the rest")).toEqual([]);
    await (await getDb()).update(generations).set({ status: "failed" }).where(eq(generations.id, sent));
  });
});

describe("gallery pages, search and filters", () => {
  let carol: { id: string };
  const seeded: Record<string, string> = {};
  beforeAll(async () => {
    carol = await newUser("Carol");
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    const rows: (Parameters<typeof seedImage>[1] & { key: string })[] = [
      { key: "mugs", prompt: "Ceramic mugs on a linen tablecloth", createdAt: day("2026-03-01"), aspectRatio: "1:1" },
      { key: "car", prompt: "A red sports car at dusk", createdAt: day("2026-03-02"), aspectRatio: "16:9", model: "nano-banana-2-lite" },
      { key: "mug", prompt: "One mug, studio light", createdAt: day("2026-03-03"), aspectRatio: "9:16", favorite: true },
      { key: "shoe", prompt: "Running shoe on wet asphalt", createdAt: day("2026-03-04"), aspectRatio: "1:1" },
    ];
    for (const row of rows) seeded[row.key] = (await seedImage(carol.id, row)).generation.id;
    // Eight more with the same timestamp: the cursor must still neither skip nor repeat.
    const same = new Date("2026-02-01T00:00:00.123456Z");
    for (let i = 0; i < 8; i++) seeded[`same${i}`] = (await seedImage(carol.id, { prompt: `batch frame ${i}`, createdAt: same })).generation.id;
  });

  it("pages by cursor through every image once, newest first", async () => {
    const { fetchGalleryPage } = await import("@/lib/generations/gallery");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await fetchGalleryPage(personal(carol), {}, { cursor, limit: 3 });
      if ("error" in page) throw new Error(page.error);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen.slice(0, 4)).toEqual([seeded.shoe, seeded.mug, seeded.car, seeded.mugs]);
  });

  it("finds prompt words with stemming, and applies each filter", async () => {
    const { fetchGalleryPage, countGallery } = await import("@/lib/generations/gallery");
    const { parseGalleryFilters } = await import("@/lib/generations/gallery-filters");
    const ids = async (query: string) => {
      const { filters, errors } = parseGalleryFilters(new URLSearchParams(query));
      expect(errors).toEqual({});
      const page = await fetchGalleryPage(personal(carol), filters);
      if ("error" in page) throw new Error(page.error);
      expect(await countGallery(personal(carol), filters)).toBe(page.items.length);
      return page.items.map((i) => i.id);
    };
    expect(await ids("q=mug")).toEqual([seeded.mug, seeded.mugs]);
    expect(await ids("q=linen mugs")).toEqual([seeded.mugs]);
    expect(await ids("q=bicycle")).toEqual([]);
    expect(await ids("model=nano-banana-2-lite")).toEqual([seeded.car]);
    expect(await ids("ar=9:16")).toEqual([seeded.mug]);
    expect(await ids("fav=1")).toEqual([seeded.mug]);
    expect(await ids("from=2026-03-02&to=2026-03-03")).toEqual([seeded.mug, seeded.car]);
    // Another user's search finds none of Carol's images.
    const { fetchGalleryPage: page } = await import("@/lib/generations/gallery");
    const bobs = await page(personal(bob), { q: "mug" });
    expect("items" in bobs && bobs.items).toEqual([]);
  });

  it("reports bad filters by name and keeps the good ones", async () => {
    const { parseGalleryFilters } = await import("@/lib/generations/gallery-filters");
    const { filters, errors } = parseGalleryFilters(new URLSearchParams("q=mug&model=dall-e&from=2026-13-45&board=nope&ar=1:1"));
    expect(filters).toEqual({ q: "mug", ar: "1:1" });
    expect(Object.keys(errors).sort()).toEqual(["board", "from", "model"]);
    const { GET } = await import("@/app/api/gallery/route");
    session.userId = carol.id;
    const response = await GET(new Request("http://test/api/gallery?model=dall-e"), ctx({}));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/model/);
    const garbage = await GET(new Request("http://test/api/gallery?cursor=not-a-cursor"), ctx({}));
    expect(garbage.status).toBe(400);
  });

  it("walks neighbours inside a filtered view", async () => {
    const { galleryNeighbours } = await import("@/lib/generations/gallery");
    expect(await galleryNeighbours(personal(carol), seeded.mug!, {})).toEqual({ newer: seeded.shoe, older: seeded.car });
    expect(await galleryNeighbours(personal(carol), seeded.mug!, { q: "mug" })).toEqual({ newer: null, older: seeded.mugs });
    expect(await galleryNeighbours(personal(bob), seeded.mug!, {})).toEqual({ newer: null, older: null });
  });
});

describe("favorites and boards", () => {
  it("creates, renames, fills, empties and deletes boards, only for their owner", async () => {
    const a = await seedImage(alice.id, { prompt: "board image one" });
    const b = await seedImage(alice.id, { prompt: "board image two" });
    const actions = await (await import("./setup")).libraryActions();
    const { listBoards, boardsOf } = await import("@/lib/library/boards");

    expect(await actions.createBoardAction("   ")).toMatchObject({ ok: false, error: "Give the board a name." });
    expect(await actions.createBoardAction("x".repeat(81))).toMatchObject({ ok: false, error: expect.stringMatching(/80/) });
    const spring = await actions.createBoardAction("Spring campaign");
    const summer = await actions.createBoardAction("Summer");
    if (!spring.ok || !summer.ok) throw new Error("boards not created");

    expect(await actions.setOnBoardAction(spring.board.id, [a.generation.id, b.generation.id], true)).toEqual({ ok: true, changed: 2 });
    expect(await actions.setOnBoardAction(spring.board.id, [a.generation.id], true)).toEqual({ ok: true, changed: 0 });
    expect(await actions.setOnBoardAction(summer.board.id, [a.generation.id], true)).toEqual({ ok: true, changed: 1 });
    expect((await boardsOf(personal(alice), a.generation.id)).sort()).toEqual([spring.board.id, summer.board.id].sort());

    // Bob can neither see, fill nor rename Alice's boards, nor put Alice's images on his own.
    session.userId = bob.id;
    expect(await listBoards(personal(bob))).toEqual([]);
    expect(await actions.setOnBoardAction(spring.board.id, [a.generation.id], false)).toMatchObject({ ok: false });
    expect(await actions.renameBoardAction(spring.board.id, "mine")).toMatchObject({ ok: false });
    expect(await actions.deleteBoardAction(spring.board.id)).toMatchObject({ ok: false });
    const bobs = await actions.createBoardAction("Bob's");
    if (!bobs.ok) throw new Error(bobs.error);
    expect(await actions.setOnBoardAction(bobs.board.id, [a.generation.id], true)).toMatchObject({ ok: false, error: /do not exist/ });
    expect(await actions.setFavoriteAction(a.generation.id, true)).toMatchObject({ ok: false });
    session.userId = alice.id;

    expect(await actions.renameBoardAction(spring.board.id, "Spring 2027")).toEqual({ ok: true });
    const listed = await listBoards(personal(alice));
    expect(listed.map((l) => [l.name, l.count])).toEqual([
      ["Spring 2027", 2],
      ["Summer", 1],
    ]);
    // The newest images on a board are its cover, with their sizes (shown at their true shape).
    expect(listed[1]!.covers).toEqual([{ thumbUrl: `/api/images/${a.image.id}/thumb`, width: a.image.width, height: a.image.height }]);
    expect(listed[0]!.covers).toHaveLength(2);
    expect(await actions.setOnBoardAction(spring.board.id, [b.generation.id], false)).toEqual({ ok: true, changed: 1 });
    expect(await actions.deleteBoardAction(summer.board.id)).toEqual({ ok: true });
    expect(await boardsOf(personal(alice), a.generation.id)).toEqual([spring.board.id]);
    const { fetchGenerationView } = await import("@/lib/generations");
    expect(await fetchGenerationView(personal(alice), a.generation.id)).not.toBeNull();

    expect(await actions.setFavoriteAction(a.generation.id, true)).toEqual({ ok: true });
    expect((await fetchGenerationView(personal(alice), a.generation.id))!.favorite).toBe(true);
  });
});

describe("hand-off", () => {
  it("exports a board as a zip of the originals with a CSV manifest of every recipe", async () => {
    const actions = await (await import("./setup")).libraryActions();
    const one = await seedImage(alice.id, { prompt: 'Quote "this", then, a comma', format: "png", seed: 11 });
    const two = await seedImage(alice.id, { prompt: "=HYPERLINK(evil)", seed: 22 });
    const board = await actions.createBoardAction("Hand-off");
    if (!board.ok) throw new Error(board.error);
    await actions.setOnBoardAction(board.board.id, [one.generation.id], true);
    await actions.setOnBoardAction(board.board.id, [two.generation.id], true);
    const { GET } = await import("@/app/api/boards/[id]/export/route");
    const response = await GET(new Request("http://test"), ctx({ id: board.board.id }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Hand-off.zip"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const csv = strFromU8(files["manifest.csv"]!).trim().split("\r\n");
    expect(csv[0]).toBe(
      "file,generation_id,model,transport,prompt,seed,aspect_ratio,output_resolution,output_format,response_modalities,thinking_level,safety_tolerance,web_search,reference_count,created_at,width,height,sha256,review_state,approved_by,approved_by_email,approved_at,approved_sha256",
    );
    expect(csv[1]).toContain(`images/001-11.png,${one.generation.id},nano-banana-2,v2,"Quote ""this"", then, a comma",11,1:1,1K,png`);
    expect(csv[2]).toContain(`,'=HYPERLINK(evil),22,`);
    expect(Buffer.from(files["images/001-11.png"]!).equals(one.bytes)).toBe(true);
    expect(createHash("sha256").update(files["images/002-22.jpg"]!).digest("hex")).toBe(two.image.sha256);

    session.userId = bob.id;
    expect((await GET(new Request("http://test"), ctx({ id: board.board.id }))).status).toBe(404);
  });

  it("downloads the original untouched, or with the recipe embedded when asked", async () => {
    const { extractRecipe } = await import("@/lib/library/recipe-file");
    const { GET } = await import("@/app/api/images/[id]/route");
    for (const format of ["png", "jpg"] as const) {
      const seeded = await seedImage(alice.id, { prompt: `embed ${format} ünïcode`, format, seed: 777 });
      const plain = Buffer.from(await (await GET(new Request(`http://test?download=1`), ctx({ id: seeded.image.id }))).arrayBuffer());
      expect(plain.equals(seeded.bytes)).toBe(true);
      expect(extractRecipe(plain)).toBeNull();
      const response = await GET(new Request(`http://test?download=1&recipe=1`), ctx({ id: seeded.image.id }));
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`nano-studio-777-.*\\.${format}`));
      const withRecipe = Buffer.from(await response.arrayBuffer());
      expect(extractRecipe(withRecipe)).toMatchObject({ generator: "Nano Studio", prompt: `embed ${format} ünïcode`, seed: 777, model: "nano-banana-2", aspect_ratio: "1:1" });
      // Same pixels, still a valid image.
      expect((await sharp(withRecipe).raw().toBuffer()).equals(await sharp(seeded.bytes).raw().toBuffer())).toBe(true);
    }
  });

  it("shares an image or a board by an unguessable link that shows only that, until revoked", async () => {
    const actions = await (await import("./setup")).libraryActions();
    const { sharedContent, sharedImage } = await import("@/lib/library/sharing");
    const shared = await seedImage(alice.id, { prompt: "shared one" });
    const secret = await seedImage(alice.id, { prompt: "private one" });
    const link = await actions.shareAction({ kind: "image", id: shared.generation.id }, true);
    if (!link.ok || !link.path) throw new Error("no link");
    const token = link.path.split("/").pop()!;
    expect(token).toMatch(/^[\w-]{32}$/);
    // Asking again returns the same live link.
    expect(await actions.shareAction({ kind: "image", id: shared.generation.id }, true)).toEqual(link);
    const content = await sharedContent(token);
    expect(content).toMatchObject({ kind: "image", generation: { id: shared.generation.id, prompt: "shared one" } });
    expect(await sharedImage(token, shared.image.id)).not.toBeNull();
    expect(await sharedImage(token, secret.image.id)).toBeNull();
    expect(await sharedContent("x".repeat(32))).toBeNull();

    session.userId = bob.id;
    expect(await actions.shareAction({ kind: "image", id: secret.generation.id }, true)).toMatchObject({ ok: false });
    expect(await actions.shareAction({ kind: "image", id: shared.generation.id }, false)).toEqual({ ok: true, path: null });
    expect(await sharedContent(token)).not.toBeNull(); // Bob's "revoke" touched nothing of Alice's
    session.userId = alice.id;

    await actions.shareAction({ kind: "image", id: shared.generation.id }, false);
    expect(await sharedContent(token)).toBeNull();
    expect(await sharedImage(token, shared.image.id)).toBeNull();
    const fresh = await actions.shareAction({ kind: "image", id: shared.generation.id }, true);
    expect(fresh.ok && fresh.path).not.toBe(link.path);

    const board = await actions.createBoardAction("Shared board");
    if (!board.ok) throw new Error(board.error);
    await actions.setOnBoardAction(board.board.id, [shared.generation.id], true);
    const boardLink = await actions.shareAction({ kind: "board", id: board.board.id }, true);
    const boardToken = boardLink.ok ? boardLink.path!.split("/").pop()! : "";
    expect(await sharedContent(boardToken)).toMatchObject({ kind: "board", name: "Shared board", generations: [{ id: shared.generation.id }] });
    expect(await sharedImage(boardToken, secret.image.id)).toBeNull();

    // Download all: the board's originals and their recipes, for anyone with the link, and nothing else.
    session.userId = null;
    const { GET: downloadAll } = await import("@/app/s/[token]/download/route");
    const zipped = await downloadAll(new Request(`http://test/s/${boardToken}/download`), { params: Promise.resolve({ token: boardToken }) });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-disposition")).toContain('filename="Shared-board.zip"');
    const files = unzipSync(new Uint8Array(await zipped.arrayBuffer()));
    const csv = strFromU8(files["manifest.csv"]!).trim().split("\r\n");
    expect(csv).toHaveLength(2);
    expect(csv[0]).not.toContain("created_at");
    expect(csv[1]).toContain(String(shared.generation.seed));
    expect(Object.keys(files).filter((f) => f.startsWith("images/"))).toHaveLength(1);
    const missing = await downloadAll(new Request(`http://test/s/${token}/download`), { params: Promise.resolve({ token }) });
    expect(missing.status).toBe(404); // an image link (or a revoked one) has no board to zip
    session.userId = alice.id;
  });
});

describe("access tokens and the v1 API", () => {
  it("stores only a hash, authenticates scripts, and stops at revoke", async () => {
    const actions = await (await import("./setup")).libraryActions();
    expect(await actions.createTokenAction("")).toMatchObject({ ok: false, error: "Name the token." });
    const created = await actions.createTokenAction("CI");
    if (!created.ok) throw new Error(created.error);
    expect(created.token).toMatch(/^nst_[\w-]{43}$/);
    const { getDb } = await import("@/lib/db");
    const { accessTokens } = await import("@/lib/db/schema");
    const rows = await (await getDb()).select().from(accessTokens);
    expect(JSON.stringify(rows)).not.toContain(created.token);

    session.userId = null; // scripts have no session
    const { POST, GET } = await import("@/app/api/v1/generations/route");
    const { GET: getOne } = await import("@/app/api/v1/generations/[id]/route");
    const auth = { authorization: `Bearer ${created.token}`, "content-type": "application/json" };
    const post = (body: unknown, headers: Record<string, string> = auth) => POST(new Request("http://test/api/v1/generations", { method: "POST", headers, body: JSON.stringify(body) }), ctx({}));

    const made = await post({ ...recipe("api lemons"), count: 2 });
    expect(made.status).toBe(201);
    const body = (await made.json()) as { batchId: string; generations: GenerationView[] };
    expect(body.generations).toHaveLength(2);
    expect(body.generations.every((g) => g.batchId === body.batchId && g.status === "queued")).toBe(true);

    const one = await getOne(new Request(`http://test/api/v1/generations/${body.generations[0]!.id}`, { headers: auth }), ctx({ id: body.generations[0]!.id }));
    expect(((await one.json()) as GenerationView).prompt).toBe("api lemons");

    const bad = await post({ ...recipe(""), count: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string> }).fieldErrors.prompt).toBeTruthy();
    expect((await post({ ...recipe("x"), count: 20 })).status).toBe(400);
    // A key that is empty or malformed is refused, not taken as "no key" (a retry would then pay twice).
    for (const key of ["", "short", "has spaces in it", "x".repeat(101)]) {
      const refused = await post(recipe("keyed lemons"), { ...auth, "idempotency-key": key });
      expect(refused.status, JSON.stringify(key)).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toMatch(/Idempotency-Key/);
    }
    const keyed = { ...auth, "idempotency-key": "retry-safe-0001" };
    expect((await post(recipe("keyed lemons"), keyed)).status).toBe(201);
    expect((await post(recipe("keyed lemons"), keyed)).status).toBe(200);

    await seedImage(alice.id, { prompt: "searchable pineapple" });
    const search = await GET(new Request("http://test/api/v1/generations?q=pineapples", { headers: auth }), ctx({}));
    const found = (await search.json()) as { generations: GenerationView[] };
    expect(found.generations.map((g) => g.prompt)).toEqual(["searchable pineapple"]);

    expect((await post(recipe("no token"), { "content-type": "application/json" })).status).toBe(401);
    expect((await post(recipe("wrong"), { ...auth, authorization: "Bearer nst_wrong" })).status).toBe(401);

    session.userId = alice.id;
    const { listAccessTokens } = await import("@/lib/api/access-tokens");
    expect((await listAccessTokens(alice.id))[0]!.lastUsedAt).not.toBeNull();
    expect(await actions.revokeTokenAction(created.view.id)).toEqual({ ok: true });
    session.userId = null;
    const revoked = await post(recipe("after revoke"));
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: string }).error).toMatch(/revoked/);
  });
});

describe("watching several jobs", () => {
  it("answers at once with news, waits while nothing changed, and skips other users' ids", async () => {
    const { GET } = await import("@/app/api/generations/route");
    const mine = await seedImage(alice.id, { prompt: "watched one" });
    const theirs = await seedImage(bob.id, { prompt: "not yours" });
    const ids = [mine.generation.id, theirs.generation.id].join(",");
    const first = await GET(new Request(`http://test/api/generations?ids=${ids}&wait=5000`), ctx({}));
    const body = (await first.json()) as { generations: (GenerationView & { fingerprint: string })[] };
    expect(body.generations.map((g) => g.id)).toEqual([mine.generation.id]);
    // All finished: even a long wait answers at once.
    const started = Date.now();
    await GET(new Request(`http://test/api/generations?ids=${mine.generation.id}&known=${body.generations[0]!.fingerprint}&wait=5000`), ctx({}));
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await GET(new Request("http://test/api/generations?ids="), ctx({}))).status).toBe(400);
  });

  it("holds the request while running jobs are unchanged and answers the moment one changes", async () => {
    const { GET } = await import("@/app/api/generations/route");
    const { generateAction } = await import("@/lib/actions/generate-action");
    const { cancelJob } = await import("@/lib/generations/queue");
    const made = await generateAction(recipe("watch me change"), undefined, 2);
    if (!made.ok) throw new Error(made.error);
    const ids = made.generations.map((g) => g.id).join(",");
    const known = (await ((await GET(new Request(`http://test/api/generations?ids=${ids}`), ctx({}))).json()) as { generations: { fingerprint: string }[] }).generations.map((g) => g.fingerprint).join(",");
    const started = Date.now();
    setTimeout(() => void cancelJob(personal(alice), made.generations[1]!.id), 400);
    const answer = (await (await GET(new Request(`http://test/api/generations?ids=${ids}&known=${known}&wait=8000`), ctx({}))).json()) as { generations: GenerationView[] };
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(2000);
    expect(answer.generations.map((g) => g.status)).toEqual(["queued", "failed"]);
  });
});
