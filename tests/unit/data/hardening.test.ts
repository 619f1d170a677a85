/**
 * What an attacker, a clumsy client and a careless operator found, each held by a test
 * that failed before the fix. Runs on PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
 */
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, session, startStack, personal } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
let alice: { id: string; email: string };

beforeAll(async () => {
  simulator = await startStack({ latencyMs: 100 });
  alice = await newUser("Alice");
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

const STUDIO = "http://studio.test";
/** A request as the studio's own pages send it: same origin, JSON. */
function sameOrigin(path: string, body: string, headers: Record<string, string> = {}) {
  return new Request(`${STUDIO}${path}`, {
    method: "POST",
    headers: { host: "studio.test", origin: STUDIO, "sec-fetch-site": "same-origin", "content-type": "application/json", ...headers },
    body,
  });
}
const recipe = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "nano-banana-2-lite", prompt: "a lemon", ...extra });

describe("sign-in throttle", () => {
  it("a burst of 100 simultaneous guesses checks at most 5 passwords; the right one at position 90 does not get in", async () => {
    const victim = await newUser("Victim");
    const { authorizeCredentials, SignInThrottled } = await import("@/lib/auth/credentials");
    const headers = new Headers({ "x-forwarded-for": "203.0.113.7" });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        authorizeCredentials({ email: victim.email, password: i === 90 ? "long enough password" : `guess ${i}` }, headers).then(
          (user) => (user ? "signed-in" : "wrong"),
          (error: unknown) => (error instanceof SignInThrottled ? "throttled" : `error: ${String(error)}`),
        ),
      ),
    );
    const checked = outcomes.filter((o) => o !== "throttled");
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(outcomes).not.toContain("signed-in");
    expect(outcomes.filter((o) => o === "throttled").length).toBeGreaterThanOrEqual(95);
    expect(outcomes.some((o) => o.startsWith("error"))).toBe(false);
  });

  it("a colleague on another address still signs in: the guesser slows down only their own pair", async () => {
    const colleague = await newUser("Colleague");
    const { authorizeCredentials, SignInThrottled } = await import("@/lib/auth/credentials");
    const attacker = new Headers({ "x-forwarded-for": "198.51.100.9" });
    for (let i = 0; i < 5; i++) expect(await authorizeCredentials({ email: colleague.email, password: `nope ${i}` }, attacker)).toBeNull();
    const refused = await authorizeCredentials({ email: colleague.email, password: "long enough password" }, attacker).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignInThrottled);
    expect((refused as InstanceType<typeof SignInThrottled>).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as InstanceType<typeof SignInThrottled>).retryAfterSeconds).toBeLessThanOrEqual(15);
    const fromOffice = await authorizeCredentials({ email: colleague.email, password: "long enough password" }, new Headers({ "x-forwarded-for": "192.0.2.44" }));
    expect(fromOffice?.id).toBe(colleague.id);
  });

  it("delays grow with each failure past the free ones and stop at the cap", async () => {
    const { waitMs } = await import("@/lib/auth/throttle");
    const rule = { free: 5, firstDelayMs: 15_000, maxDelayMs: 900_000 };
    const last = new Date(1_000_000);
    expect(waitMs(rule, 4, last, 1_000_000)).toBe(0);
    expect(waitMs(rule, 5, last, 1_000_000)).toBe(15_000);
    expect(waitMs(rule, 6, last, 1_000_000)).toBe(30_000);
    expect(waitMs(rule, 7, last, 1_010_000)).toBe(50_000);
    expect(waitMs(rule, 30, last, 1_000_000)).toBe(900_000);
  });
});

describe("sign-up policy", () => {
  it("under the default policy, sign-up needs an invite; an invite works once and only before it expires or is revoked", async () => {
    const { registerUser, createSignupInvite, revokeSignupInvite, signupPolicy } = await import("@/lib/auth/signup");
    const { getDb } = await import("@/lib/db");
    const { signupInvites, users } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    expect((await signupPolicy()).policy).toEqual({ kind: "invite" });
    const stranger = { name: "Stranger", email: `stranger-${Date.now()}@example.com`, password: "long enough password" };
    expect(await registerUser(stranger)).toMatchObject({ ok: false, error: expect.stringMatching(/by invitation/) });

    const { token } = await createSignupInvite(alice.id, "for Stranger");
    expect(await registerUser({ ...stranger, invite: token })).toEqual({ ok: true, created: true });
    const again = { ...stranger, email: `second-${Date.now()}@example.com`, invite: token };
    expect(await registerUser(again)).toMatchObject({ ok: false, field: "invite" });

    const revoked = await createSignupInvite(alice.id, "");
    expect(await revokeSignupInvite(revoked.invite.id)).toBe(true);
    expect(await registerUser({ ...again, invite: revoked.token })).toMatchObject({ ok: false, field: "invite" });

    const expired = await createSignupInvite(alice.id, "");
    const db = await getDb();
    await db.update(signupInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signupInvites.id, expired.invite.id));
    expect(await registerUser({ ...again, invite: expired.token })).toMatchObject({ ok: false, field: "invite" });
    expect(await db.select().from(users).where(eq(users.email, again.email))).toHaveLength(0);
  });

  it("sign-up answers a registered email exactly as a new one, changes nothing, and keeps the invite unused", async () => {
    const { registerUser, setSignupPolicy, createSignupInvite, usableInvite } = await import("@/lib/auth/signup");
    const { verifyPassword } = await import("@/lib/auth/users");
    await setSignupPolicy({ kind: "open" });
    try {
      const fresh = { name: "New", email: `new-${Date.now()}@example.com`, password: "long enough password" };
      const asNew = await registerUser(fresh);
      const asTaken = await registerUser({ name: "Impostor", email: alice.email, password: "impostor's password" });
      // What the action shows depends only on ok: both lead to the same "now sign in" page.
      expect(asNew.ok && asTaken.ok).toBe(true);
      expect(await verifyPassword(alice.email, "impostor's password")).toBeNull();
      const { token } = await createSignupInvite(alice.id, "");
      expect(await registerUser({ name: "Impostor", email: alice.email, password: "x".repeat(10), invite: token })).toMatchObject({ ok: true });
      expect(await usableInvite(token)).not.toBeNull();
    } finally {
      await setSignupPolicy({ kind: "invite" });
    }
  });

  it("domains:… admits those domains only; the policy text is checked", async () => {
    const { registerUser, setSignupPolicy } = await import("@/lib/auth/signup");
    const { parseSignupPolicy } = await import("@/lib/auth/signup-policy");
    expect(parseSignupPolicy("domains:Example.com, @acme.io")).toEqual({ kind: "domains", domains: ["example.com", "acme.io"] });
    expect(parseSignupPolicy("domains:")).toBeNull();
    expect(parseSignupPolicy("domains:not a domain")).toBeNull();
    expect(parseSignupPolicy("everyone")).toBeNull();
    await setSignupPolicy({ kind: "domains", domains: ["acme.io"] });
    try {
      expect(await registerUser({ name: "In", email: `in-${Date.now()}@acme.io`, password: "long enough password" })).toEqual({ ok: true, created: true });
      expect(await registerUser({ name: "Out", email: `out-${Date.now()}@elsewhere.com`, password: "long enough password" })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/acme\.io/),
      });
    } finally {
      await setSignupPolicy({ kind: "invite" });
    }
  });

  it("the instance's first account is its admin; everyone after is a member", async () => {
    const { getDb } = await import("@/lib/db");
    const { users } = await import("@/lib/db/schema");
    const { asc } = await import("drizzle-orm");
    const db = await getDb();
    // On a shared PostgreSQL, earlier test files made the first accounts: the rule holds whoever was first.
    const all = await db.select().from(users).orderBy(asc(users.createdAt), asc(users.id));
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((u) => u.role === "admin").map((u) => u.id)).toEqual([all[0]!.id]);
  });

  it("a disabled account's password no longer signs in, and its access tokens stop working", async () => {
    const bob = await newUser("Bob");
    const { setUserDisabled, listUsers } = await import("@/lib/auth/admin");
    const { authorizeCredentials, AccountDisabled } = await import("@/lib/auth/credentials");
    const { createAccessToken, actorForAccessToken } = await import("@/lib/api/access-tokens");
    const made = await createAccessToken(personal(bob), "script");
    if (!made.ok) throw new Error(made.error);
    expect(await actorForAccessToken(made.token)).toEqual(personal(bob));
    expect(await setUserDisabled(alice.id, alice.id, true)).toBe(false);
    expect(await setUserDisabled(alice.id, bob.id, true)).toBe(true);
    const error = await authorizeCredentials({ email: bob.email, password: "long enough password" }, new Headers()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountDisabled);
    expect(await actorForAccessToken(made.token)).toBeNull();
    expect((await listUsers()).find((u) => u.id === bob.id)).toMatchObject({ disabled: true, spentUsd: 0 });
  });
});

describe("cookie-authenticated changes come only from our own origin, with the body we expect", () => {
  it("a foreign origin, a form or text/plain body, or no origin at all is refused and creates nothing", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const { POST: postV1 } = await import("@/app/api/v1/generations/route");
    // Other files' jobs may still run on a shared database: what counts is that nothing of this attack did.
    const ATTACK = `cross-origin attack ${Date.now()}`;
    const attempts = [
      sameOrigin("/api/generations", recipe({ prompt: ATTACK }), { origin: "http://studio.test:8080", "sec-fetch-site": "same-site" }),
      sameOrigin("/api/generations", recipe({ prompt: ATTACK }), { origin: "http://evil.studio.test", "sec-fetch-site": "same-site" }),
      new Request(`${STUDIO}/api/generations`, { method: "POST", headers: { host: "studio.test", "content-type": "application/json" }, body: recipe({ prompt: ATTACK }) }),
    ];
    for (const request of attempts) {
      const response = await POST(request, {});
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/Cross-origin request refused/);
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect((await POST(sameOrigin("/api/generations", recipe({ prompt: ATTACK }), { "content-type": type }), {})).status).toBe(415);
      expect((await postV1(sameOrigin("/api/v1/generations", recipe({ prompt: ATTACK, count: 8 }), { "content-type": type }), {})).status).toBe(415);
    }
    const { POST: upload } = await import("@/app/api/uploads/route");
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer();
    const form = new FormData();
    form.set("file", new File([new Uint8Array(png)], "a.png", { type: "image/png" }));
    const crossUpload = new Request(`${STUDIO}/api/uploads`, { method: "POST", headers: { host: "studio.test", origin: "http://studio.test:9999" }, body: form });
    expect((await upload(crossUpload, {})).status).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(simulator.requests.filter((r) => r.prompt === ATTACK)).toHaveLength(0);
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    expect(await (await getDb()).select().from(generations).where(eq(generations.prompt, ATTACK))).toHaveLength(0);
  });

  it("the studio's own request still works, and a bearer token needs no origin", async () => {
    const { POST } = await import("@/app/api/v1/generations/route");
    expect((await POST(sameOrigin("/api/v1/generations", recipe()), {})).status).toBe(201);
    const { createAccessToken } = await import("@/lib/api/access-tokens");
    const made = await createAccessToken(personal(alice), "ci");
    if (!made.ok) throw new Error(made.error);
    session.userId = null;
    const scripted = new Request(`${STUDIO}/api/v1/generations`, { method: "POST", headers: { authorization: `Bearer ${made.token}`, "content-type": "application/json" }, body: recipe() });
    expect((await POST(scripted, {})).status).toBe(201);
  });
});

describe("text PostgreSQL cannot store is a 400 naming the field, never a 500", () => {
  const BAD = { nul: "lemon\u0000soda", surrogate: "lemon \ud800 soda" };

  for (const [kind, text] of Object.entries(BAD)) {
    it(`${kind}: prompt (form action, JSON routes), board and token names, search, sign-up, uploaded file name`, async () => {
      const { generateAction } = await import("@/lib/actions/generate-action");
      const action = await generateAction({ model: "nano-banana-2-lite", prompt: text });
      expect(action).toMatchObject({ ok: false, fieldErrors: { prompt: expect.stringMatching(/cannot be stored/) } });

      const { POST } = await import("@/app/api/generations/route");
      const { POST: postV1, GET: listV1 } = await import("@/app/api/v1/generations/route");
      for (const response of [await POST(sameOrigin("/api/generations", recipe({ prompt: text })), {}), await postV1(sameOrigin("/api/v1/generations", recipe({ prompt: text, count: 2 })), {})]) {
        expect(response.status).toBe(400);
        expect((await response.json()).error).toMatch(/prompt.*cannot be stored/i);
      }
      const inKey = await POST(sameOrigin("/api/generations", `{"model":"nano-banana-2-lite","prompt":"ok","${kind === "nul" ? "\\u0000" : "\\ud800"}":1}`), {});
      expect(inKey.status).toBe(400);

      const { createBoardAction, renameBoardAction, createTokenAction } = await (await import("./setup")).libraryActions();
      expect(await createBoardAction(text)).toMatchObject({ ok: false, error: expect.stringMatching(/board name.*cannot be stored/i) });
      const board = await createBoardAction("Fine");
      if (!board.ok) throw new Error(board.error);
      expect(await renameBoardAction(board.board.id, text)).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be stored/) });
      expect(await createTokenAction(text)).toMatchObject({ ok: false, error: expect.stringMatching(/token name.*cannot be stored/i) });

      const { GET: gallery } = await import("@/app/api/gallery/route");
      for (const response of [
        await gallery(new Request(`${STUDIO}/api/gallery?${new URLSearchParams({ q: text })}`), {}),
        await listV1(new Request(`${STUDIO}/api/v1/generations?${new URLSearchParams({ q: text })}`), {}),
      ]) {
        if (kind === "nul") {
          expect(response.status).toBe(400);
          expect((await response.json()).error).toMatch(/^q: The search contains a character that cannot be stored/);
        } else {
          // A URL cannot carry half a surrogate pair: it arrives as U+FFFD and is searched for like any text.
          expect(response.status).toBe(200);
        }
      }

      const { signUpSchema } = await import("@/lib/auth/users");
      const signUp = signUpSchema.safeParse({ name: text, email: "x@example.com", password: "long enough password" });
      expect(signUp.success).toBe(false);
      expect(signUp.error?.issues[0]?.path).toEqual(["name"]);

      const { POST: upload } = await import("@/app/api/uploads/route");
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#abc" } }).png().toBuffer();
      const form = new FormData();
      form.set("file", new File([new Uint8Array(png)], `${text}.png`, { type: "image/png" }));
      const uploaded = await upload(new Request(`${STUDIO}/api/uploads`, { method: "POST", headers: { host: "studio.test", origin: STUDIO }, body: form }), {});
      expect(uploaded.status).toBe(201);
      // A file name is the browser's to choose: what cannot be stored is dropped or replaced, the upload goes on.
      expect((await uploaded.json()).fileName).toBe(kind === "nul" ? "lemonsoda.png" : "lemon \ufffd soda.png");
    });
  }
});

describe("smaller defects", () => {
  it("a chunked body is counted as it arrives: over 256 KB is a 413, not a misleading 400", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 160) controller.enqueue(chunk); // 10 MB of whitespace, no Content-Length
        else controller.close();
      },
    });
    const request = new Request(`${STUDIO}/api/generations`, {
      method: "POST",
      headers: { host: "studio.test", origin: STUDIO, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request, {});
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it("an out-of-range seed with count > 1 is refused, not wrapped", async () => {
    const { POST } = await import("@/app/api/v1/generations/route");
    const response = await POST(sameOrigin("/api/v1/generations", recipe({ seed: 2 ** 40, count: 3 })), {});
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.seed).toMatch(/between/);
  });

  it("a __proto__ or constructor key is named in the answer", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const response = await POST(sameOrigin("/api/generations", '{"model":"nano-banana-2-lite","prompt":"x","__proto__":{"admin":true}}'), {});
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatch(/__proto__ is not a parameter/);
  });

  it("an empty Idempotency-Key header is a 400, not a request without one", async () => {
    const { POST } = await import("@/app/api/v1/generations/route");
    const response = await POST(sameOrigin("/api/v1/generations", recipe(), { "idempotency-key": "" }), {});
    expect(response.status).toBe(400);
  });

  it("a job whose answers keep coming back garbled says so on its card", async () => {
    const { generateAction } = await import("@/lib/actions/generate-action");
    const created = await generateAction({ model: "nano-banana-2-lite", prompt: "garbled [sim:malformed=result]" });
    if (!created.ok) throw new Error(created.error);
    const { fetchGenerationView } = await import("@/lib/generations");
    await expect
      .poll(async () => (await fetchGenerationView(personal(alice), created.generations[0]!.id))?.holdReason ?? "", { timeout: 25_000, interval: 250 })
      .toMatch(/could not be read \(3 times in a row\)/);
    const { cancelJob } = await import("@/lib/generations/queue");
    await cancelJob(personal(alice), created.generations[0]!.id).catch(() => undefined);
  }, 30_000);

  it("a v1 answer already in storage is adopted by the next worker, not failed as 'may have been charged'", async () => {
    const { getDb } = await import("@/lib/db");
    const { generations } = await import("@/lib/db/schema");
    const { getStorage } = await import("@/lib/storage");
    const { createHash } = await import("node:crypto");
    const { eq } = await import("drizzle-orm");
    const db = await getDb();
    const params = { prompt: "orphaned v1 image", seed: 7, aspect_ratio: "1:1", output_format: "png", output_resolution: "1K", response_modalities: "IMAGE", safety_tolerance: 4, thinking_level: "minimal" } as const;
    // What a process left behind when the database went away after storing a paid v1 answer.
    const [job] = await db
      .insert(generations)
      .values({ userId: alice.id, workspaceId: alice.id, model: "nano-banana-2", transport: "v1", params, prompt: params.prompt, seed: 7, aspectRatio: "1:1", status: "processing", submittedAt: new Date(), estimatedCostUsd: 0.08, leaseOwner: "a-dead-process", leaseUntil: new Date(Date.now() - 1000) })
      .returning();
    const bytes = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#f5d000" } }).png().toBuffer();
    const key = `generations/${alice.id}/${job!.id}/0.png`;
    await getStorage().put(key, bytes);
    await getStorage().put(`generations/${alice.id}/${job!.id}/0.thumb.webp`, await sharp(bytes).webp().toBuffer());
    const image = { generationId: job!.id, userId: alice.id, position: 0, storageKey: key, thumbKey: `generations/${alice.id}/${job!.id}/0.thumb.webp`, contentType: "image/png", width: 32, height: 32, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    await getStorage().put(`generations/${alice.id}/${job!.id}/result.json`, Buffer.from(JSON.stringify({ images: [image], text: null, inferenceTime: 1.2, remainingCredits: 9.5 })));
    const { wakeWorker } = await import("@/lib/jobs/worker");
    wakeWorker();
    await expect.poll(async () => (await db.select().from(generations).where(eq(generations.id, job!.id)))[0]?.status, { timeout: 10_000 }).toBe("completed");
    const { fetchGenerationView } = await import("@/lib/generations");
    const view = await fetchGenerationView(personal(alice), job!.id);
    expect(view?.images).toHaveLength(1);
    expect(view?.error).toBeFalsy();
    expect(simulator.requests.filter((r) => r.prompt === params.prompt)).toHaveLength(0);
  });
});

describe("configuration that misleads operators", () => {
  it("a key together with SIMULATOR_URL is refused with a message that says what to do", async () => {
    const saved = { key: process.env.SEGMIND_API_KEY, sim: process.env.SIMULATOR_URL };
    vi.resetModules();
    process.env.SEGMIND_API_KEY = "sg-real-key";
    process.env.SIMULATOR_URL = "http://127.0.0.1:4010";
    try {
      const { config } = await import("@/lib/config");
      expect(() => config()).toThrow(/SIMULATOR_URL is set together with SEGMIND_API_KEY/);
    } finally {
      if (saved.key === undefined) delete process.env.SEGMIND_API_KEY;
      else process.env.SEGMIND_API_KEY = saved.key;
      process.env.SIMULATOR_URL = saved.sim;
      vi.resetModules();
    }
  });
});
