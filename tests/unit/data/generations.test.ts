/**
 * The generate action, the status route and the file routes, against the real database and the real
 * simulator over HTTP. Runs on PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import type { GenerationView } from "@/lib/generations/view";
import { newUser, session, startStack, personal } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  simulator = await startStack({ latencyMs: 150 });
  alice = await newUser("Alice");
  bob = await newUser("Bob");
  const { startWorker } = await import("@/lib/jobs/worker");
  startWorker();
});
afterAll(async () => {
  const { stopWorker } = await import("@/lib/jobs/worker");
  await stopWorker();
  const { database } = await import("@/lib/db");
  await (await database()).close();
  await simulator.close();
});
beforeEach(() => {
  session.userId = alice.id;
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function getGeneration(id: string) {
  const { GET } = await import("@/app/api/generations/[id]/route");
  return GET(new Request(`http://test/api/generations/${id}`), params(id));
}

async function waitFinal(id: string): Promise<GenerationView> {
  for (let i = 0; i < 100; i++) {
    const response = await getGeneration(id);
    const view = (await response.json()) as GenerationView;
    if (view.status === "completed" || view.status === "failed") return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("generation did not finish");
}

async function generate(input: Record<string, unknown>, key?: string) {
  const { generateAction } = await import("@/lib/actions/generate-action");
  return generateAction({ model: "nano-banana-2-lite", prompt: "a lemon on a plate", ...input }, key);
}

const postsFor = (prompt: string) => simulator.requests.filter((r) => r.method === "POST" && r.prompt === prompt);

describe("generateAction", () => {
  it("refuses without a session and creates nothing", async () => {
    session.userId = null;
    const result = await generate({});
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Sign in/) });
  });

  it("refuses invalid input with a message per field, and sends nothing", async () => {
    const before = simulator.requests.length;
    const result = await generate({ model: "nano-banana-2-lite", output_resolution: "4K", prompt: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors?.prompt).toMatch(/Write a prompt/);
      expect(result.fieldErrors?.output_resolution).toMatch(/1K/);
    }
    expect(simulator.requests.length).toBe(before);
  });

  it("runs over v2: picks a seed, stores the request id, and the route stores the image with a thumbnail", async () => {
    const result = await generate({ aspect_ratio: "3:4" });
    if (!result.ok) throw new Error(result.error);
    expect(result.generations[0]!.status).toBe("queued");
    expect(Number.isInteger(result.generations[0]!.seed)).toBe(true);
    const done = await waitFinal(result.generations[0]!.id);
    expect(done.status).toBe("completed");
    expect(done.images).toHaveLength(1);
    expect(done.images[0]).toMatchObject({ width: 896, height: 1200, contentType: "image/jpeg" });
    expect(done.text).toContain("3:4");
    expect(done.inferenceTime).toBeCloseTo(0.15);

    const { GET: image } = await import("@/app/api/images/[id]/route");
    const original = await image(new Request(`http://test${done.images[0]!.url}?download=1`), params(done.images[0]!.id));
    expect(original.headers.get("content-type")).toBe("image/jpeg");
    expect(original.headers.get("content-disposition")).toMatch(/attachment; filename="nano-studio-.*\.jpg"/);
    const { GET: thumb } = await import("@/app/api/images/[id]/thumb/route");
    const thumbnail = Buffer.from(await (await thumb(new Request("http://test"), params(done.images[0]!.id))).arrayBuffer());
    const meta = await sharp(thumbnail).metadata();
    expect(meta.format).toBe("webp");
    // Sized for the gallery's rows: 480 px high, the width following the image's shape.
    expect([meta.width, meta.height]).toEqual([358, 480]);
  });

  it("runs Nano Banana 2 over v1", async () => {
    const result = await generate({ model: "nano-banana-2", transport: "v1", output_format: "png", aspect_ratio: "21:9" });
    if (!result.ok) throw new Error(result.error);
    const done = await waitFinal(result.generations[0]!.id);
    expect(done.status).toBe("completed");
    expect(done.images[0]).toMatchObject({ width: 1584, height: 672, contentType: "image/png" });
    expect(simulator.requests.some((r) => r.path === "/v1/nano-banana-2")).toBe(true);
  });

  it("a content block and an empty account fail with what to do", async () => {
    const blocked = await generate({ prompt: "[sim:blocked] [sim:latency=10] x" });
    if (!blocked.ok) throw new Error(blocked.error);
    const failed = await waitFinal(blocked.generations[0]!.id);
    expect(failed.error).toMatchObject({ code: "content_blocked", mayHaveBeenCharged: false });
    const broke = await generate({ prompt: "[sim:status=406] x" });
    if (!broke.ok) throw new Error(broke.error);
    expect((await waitFinal(broke.generations[0]!.id)).error?.message).toMatch(/out of credits/);
  });

  it("a garbled submit answer is never re-sent and says it may have been charged", async () => {
    const result = await generate({ prompt: "[sim:malformed] x" });
    if (!result.ok) throw new Error(result.error);
    const failed = await waitFinal(result.generations[0]!.id);
    expect(failed.error).toMatchObject({ code: "malformed_response", mayHaveBeenCharged: true });
    expect(failed.error?.message).toMatch(/may have/);
    await new Promise((r) => setTimeout(r, 500));
    expect(postsFor("[sim:malformed] x")).toHaveLength(1);
  });

  it("the same idempotency key makes one generation and one upstream POST", async () => {
    const key = crypto.randomUUID();
    const prompt = `double click ${key}`;
    const [a, b] = await Promise.all([generate({ prompt }, key), generate({ prompt }, key)]);
    const c = await generate({ prompt }, key);
    if (!a.ok || !b.ok || !c.ok) throw new Error("generate failed");
    expect(new Set([a.generations[0]!.id, b.generations[0]!.id, c.generations[0]!.id]).size).toBe(1);
    expect((await waitFinal(a.generations[0]!.id)).status).toBe("completed");
    expect(postsFor(prompt)).toHaveLength(1);
  });

  it("Segmind's 429 holds the job in our queue until the reset instead of failing it", async () => {
    const prompt = "[sim:status=429] held back";
    const result = await generate({ prompt });
    if (!result.ok) throw new Error(result.error);
    await new Promise((r) => setTimeout(r, 1500));
    const view = (await (await getGeneration(result.generations[0]!.id)).json()) as GenerationView;
    expect(view.status).toBe("queued");
    expect(view.holdReason).toMatch(/rate limit/);
    // The simulator's reset is 30 s away: the job waits rather than hammering Segmind.
    expect(postsFor(prompt)).toHaveLength(1);
  });

  it("asks Segmind at most once per interval however many readers poll one job", async () => {
    const result = await generate({ prompt: "[sim:latency=1200] popular" });
    if (!result.ok) throw new Error(result.error);
    const id = result.generations[0]!.id;
    await expect.poll(() => postsFor("[sim:latency=1200] popular")[0]?.requestId).toBeTruthy();
    const requestId = postsFor("[sim:latency=1200] popular")[0]!.requestId!;
    const started = Date.now();
    while (Date.now() - started < 900) {
      await Promise.all(Array.from({ length: 10 }, () => getGeneration(id)));
      await new Promise((r) => setTimeout(r, 50));
    }
    const statusCalls = simulator.requests.filter((r) => r.path === `/v2/requests/${requestId}/status`).length;
    // 300 ms interval over ~0.9 s: at most 4 upstream calls for ~150 reads.
    expect(statusCalls).toBeGreaterThan(0);
    expect(statusCalls).toBeLessThanOrEqual(4);
    expect((await waitFinal(id)).status).toBe("completed");
  });
});

describe("privacy", () => {
  it("another user's generation, image and thumbnail answer 404; no session answers 401", async () => {
    const result = await generate({ prompt: "private lemon" });
    if (!result.ok) throw new Error(result.error);
    const done = await waitFinal(result.generations[0]!.id);
    const imageId = done.images[0]!.id;
    const { GET: image } = await import("@/app/api/images/[id]/route");
    const { GET: thumb } = await import("@/app/api/images/[id]/thumb/route");

    session.userId = bob.id;
    expect((await getGeneration(done.id)).status).toBe(404);
    expect((await image(new Request("http://test"), params(imageId))).status).toBe(404);
    expect((await thumb(new Request("http://test"), params(imageId))).status).toBe(404);
    expect((await getGeneration("not-a-uuid")).status).toBe(404);

    session.userId = null;
    expect((await getGeneration(done.id)).status).toBe(401);
    expect((await image(new Request("http://test"), params(imageId))).status).toBe(401);
  });
});

describe("uploads and re-runs", () => {
  async function upload(bytes: Buffer, name = "ref.png") {
    const { POST } = await import("@/app/api/uploads/route");
    const form = new FormData();
    form.set("file", new File([new Uint8Array(bytes)], name, { type: "image/png" }));
    // As the studio's own page sends it: same origin.
    return POST(new Request("http://test/api/uploads", { method: "POST", headers: { host: "test", origin: "http://test" }, body: form }), undefined);
  }

  it("accepts a real image, refuses anything else by its bytes, and keeps uploads private", async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0a0" } }).png().toBuffer();
    const ok = await upload(png);
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const fake = await upload(Buffer.from("GIF? no, just text pretending"), "fake.png");
    expect(fake.status).toBe(400);
    expect(((await fake.json()) as { error: string }).error).toMatch(/not a JPEG, PNG/);

    const { GET } = await import("@/app/api/uploads/[id]/route");
    expect((await GET(new Request("http://test"), params(id))).status).toBe(200);
    session.userId = bob.id;
    expect((await GET(new Request("http://test"), params(id))).status).toBe(404);
    // Bob cannot generate with Alice's upload either.
    const stolen = await generate({ reference_ids: [id] });
    expect(stolen.ok).toBe(false);
  });

  it("reproduce gives the identical image; vary changes the seed", async () => {
    const png = await sharp({ create: { width: 90, height: 160, channels: 3, background: "#00a" } }).png().toBuffer();
    const { id: refId } = (await (await upload(png)).json()) as { id: string };
    const first = await generate({ model: "nano-banana-2", prompt: "reproduce me", seed: 77, reference_ids: [refId], aspect_ratio: "auto" });
    if (!first.ok) throw new Error(first.error);
    const original = await waitFinal(first.generations[0]!.id);
    // "auto" followed the 9:16 reference.
    expect(original.images[0]).toMatchObject({ width: 768, height: 1376 });

    const { rerunAction } = await import("@/lib/actions/rerun-action");
    const again = await rerunAction(original.id, "reproduce");
    if (!again.ok) throw new Error(again.error);
    const copyId = again.generation.id;
    const copy = await waitFinal(copyId);
    expect(copy.seed).toBe(77);
    // The copy says where it came from (the detail page links back).
    expect(copy.source).toEqual({ id: original.id, how: "reproduce" });
    const { getDb } = await import("@/lib/db");
    const { images } = await import("@/lib/db/schema");
    const { inArray } = await import("drizzle-orm");
    const rows = await (await getDb()).select().from(images).where(inArray(images.generationId, [original.id, copyId]));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.sha256).toBe(rows[1]!.sha256);

    const vary = await rerunAction(original.id, "vary");
    if (!vary.ok) throw new Error(vary.error);
    const varied = await waitFinal(vary.generation.id);
    expect(varied.seed).not.toBe(77);
    expect(varied.source).toEqual({ id: original.id, how: "vary" });
    // Only a failed generation can be retried.
    expect(await rerunAction(original.id, "retry")).toEqual({ ok: false, error: "Only a failed generation can be retried." });
    expect(varied.prompt).toBe("reproduce me");
    const { getStorage } = await import("@/lib/storage");
    const variedRow = (await (await getDb()).select().from(images).where(inArray(images.generationId, [varied.id])))[0]!;
    const bytes = await getStorage().get(variedRow.storageKey);
    expect(createHash("sha256").update(bytes!).digest("hex")).not.toBe(rows[0]!.sha256);
  });

  it("a failed run is retried as it was, and the failed card gives way to the retry in the run history", async () => {
    const failed = await generate({ prompt: "retry me [sim:fail]", seed: 4242 });
    if (!failed.ok) throw new Error(failed.error);
    const first = await waitFinal(failed.generations[0]!.id);
    expect(first.status).toBe("failed");
    const { fetchRunsPage } = await import("@/lib/generations/runs");
    const idsIn = async () => {
      const page = await fetchRunsPage(personal(alice), null, 200);
      if ("error" in page) throw new Error(page.error);
      return page.generations.map((g) => g.id);
    };
    expect(await idsIn()).toContain(first.id);

    const { rerunAction } = await import("@/lib/actions/rerun-action");
    const retried = await rerunAction(first.id, "retry");
    if (!retried.ok) throw new Error(retried.error);
    expect(retried.generation).toMatchObject({ seed: 4242, prompt: "retry me [sim:fail]", source: { id: first.id, how: "retry" } });
    const ids = await idsIn();
    expect(ids).toContain(retried.generation.id);
    expect(ids).not.toContain(first.id);
    await waitFinal(retried.generation.id);
  });

  it("run history pages by keyset: every run once, newest first, and a bad cursor is a clear error", async () => {
    const { fetchRunsPage } = await import("@/lib/generations/runs");
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await fetchRunsPage(personal(alice), cursor, 3);
      if ("error" in page) throw new Error(page.error);
      pages.push(page.generations.map((g) => g.createdAt + g.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = pages.flat();
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort().reverse()).toEqual(all);
    const { GET } = await import("@/app/api/runs/route");
    const bad = await GET(new Request("http://test/api/runs?cursor=nonsense"), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
  });
});

describe("malformed input changes nothing", () => {
  async function generationCount() {
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { count } = await import("drizzle-orm");
    const [row] = await (await getDb()).select({ n: count() }).from(generations);
    return row!.n;
  }

  it.each([
    ["nothing", undefined],
    ["a string", "make me an image"],
    ["an array", [1, 2, 3]],
    ["a missing prompt", { model: "nano-banana-2" }],
    ["a numeric prompt", { model: "nano-banana-2", prompt: 42 }],
    ["a huge prompt", { model: "nano-banana-2", prompt: "x".repeat(100_000) }],
    ["an unknown model", { model: "dall-e", prompt: "x" }],
    ["an extra field", { model: "nano-banana-2", prompt: "x", admin: true }],
    ["web_search on Lite", { model: "nano-banana-2-lite", prompt: "x", web_search: true }],
    ["a string seed", { model: "nano-banana-2", prompt: "x", seed: "12" }],
    ["15 references", { model: "nano-banana-2", prompt: "x", reference_ids: Array.from({ length: 15 }, () => crypto.randomUUID()) }],
    ["a reference that is not an id", { model: "nano-banana-2", prompt: "x", reference_ids: ["../../etc/passwd"] }],
  ])("generateAction refuses %s with a message", async (_name, input) => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const before = await generationCount();
    const result = await generateAction(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
    expect(await generationCount()).toBe(before);
  });

  it("generateAction refuses a malformed idempotency key", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const result = await generateAction({ model: "nano-banana-2", prompt: "x" }, "x".repeat(5000));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/idempotency/i) });
  });

  it("actions given another user's ids, or garbage, answer with an error and create nothing", async () => {
    const result = await generate({ prompt: "alice only" });
    if (!result.ok) throw new Error(result.error);
    const done = await waitFinal(result.generations[0]!.id);
    const { rerunAction } = await import("@/lib/actions/rerun-action");
    const { referenceFromImageAction } = await import("@/lib/actions/reference-from-image-action");
    session.userId = bob.id;
    const before = await generationCount();
    expect(await rerunAction(done.id, "reproduce")).toEqual({ ok: false, error: "This generation does not exist." });
    expect(await rerunAction("'; drop table generations; --", "vary")).toEqual({ ok: false, error: "This generation does not exist." });
    expect(await rerunAction(done.id, "delete" as "vary")).toEqual({ ok: false, error: "Choose Reproduce, Vary or Retry." });
    expect(await referenceFromImageAction(done.images[0]!.id)).toEqual({ ok: false, error: "This image does not exist." });
    expect(await referenceFromImageAction({ id: 1 } as unknown as string)).toEqual({ ok: false, error: "This image does not exist." });
    expect(await generationCount()).toBe(before);
  });
});

describe("adaptive polling", () => {
  it("records each job's latency, and once a model has a history asks about a job where it is likely done, not every interval", async () => {
    // Bob's, so the copies below stay out of Alice's run history.
    session.userId = bob.id;
    const { generateAction } = await import("@/lib/actions/generate-action");
    const made = await generateAction({ model: "nano-banana-2", prompt: "history in the making", output_resolution: "1K" }, undefined, 4);
    if (!made.ok) throw new Error(made.error);
    for (const g of made.generations) expect((await waitFinal(g.id)).status).toBe("completed");
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq, inArray } = await import("drizzle-orm");
    const db = await getDb();
    const recorded = await db.select({ ms: generations.upstreamMs }).from(generations).where(inArray(generations.id, made.generations.map((g) => g.id)));
    // 150 ms jobs seen by a 300 ms loop: each recorded within the bracket of its last two calls.
    for (const { ms } of recorded) {
      expect(ms).toBeGreaterThanOrEqual(100);
      expect(ms).toBeLessThan(700);
    }

    // A history of 2 s jobs for this model and resolution.
    const history = Array.from({ length: 30 }, (_, i) => 1850 + ((i * 37) % 300));
    // Finished copies of one of those jobs, each with its latency, as if the studio had run 30 of them.
    const [template] = await db.select().from(generations).where(eq(generations.id, made.generations[0]!.id));
    const { search: _search, ...columns } = template!;
    const copyIds = history.map(() => crypto.randomUUID());
    await db.insert(generations).values(
      history.map((upstreamMs, i) => ({ ...columns, params: { ...columns.params, output_resolution: "2K" as const }, id: copyIds[i]!, idempotencyKey: null, upstreamMs, submittedAt: new Date(Date.now() - 3_600_000) })),
    );
    // Only this history: other test files sharing the database may have finished 2K jobs of their own.
    const { and, isNotNull, notInArray } = await import("drizzle-orm");
    await db
      .update(generations)
      .set({ upstreamMs: null })
      .where(and(isNotNull(generations.upstreamMs), notInArray(generations.id, copyIds)));
    (await import("@/lib/jobs/latency-history")).forgetPollPlans();

    const prompt = "[sim:latency=2000] learned";
    const timed = await generate({ model: "nano-banana-2", prompt, output_resolution: "2K" });
    if (!timed.ok) throw new Error(timed.error);
    expect((await waitFinal(timed.generations[0]!.id)).status).toBe("completed");
    const requestId = postsFor(prompt)[0]!.requestId!;
    const statusCalls = simulator.requests.filter((r) => r.path === `/v2/requests/${requestId}/status`).length;
    // The 300 ms loop would ask 7 times; the plan starts near the history's low end and asks a few times.
    expect(statusCalls).toBeLessThanOrEqual(5);
  });
});
