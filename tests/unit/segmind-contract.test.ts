/**
 * Contract tests: the real client against the real simulator, over real HTTP on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { SegmindClient } from "@/lib/segmind/client";
import { SegmindError } from "@/lib/segmind/errors";
import type { ModelId } from "@/lib/segmind/catalog";
import { startSimulator, type Simulator, type SimulatorOptions } from "@/lib/segmind/simulator/server";

const noSleep = () => Promise.resolve();
const sims: Simulator[] = [];

async function setup(options: SimulatorOptions = {}, clientOptions: Partial<ConstructorParameters<typeof SegmindClient>[0]> = {}) {
  const sim = await startSimulator({ latencyMs: 150, ...options });
  sims.push(sim);
  const client = new SegmindClient({ apiKey: "test-key", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, ...clientOptions });
  return { sim, client };
}
afterAll(async () => Promise.all(sims.map((s) => s.close())));

async function caught(promise: Promise<unknown>): Promise<SegmindError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SegmindError) return error;
    throw error;
  }
  throw new Error("expected a SegmindError");
}

const posts = (sim: Simulator) => sim.requests.filter((r) => r.method === "POST" && /^\/v[12]\//.test(r.path));

describe("v2 lifecycle", () => {
  let client: SegmindClient;
  beforeAll(async () => ({ client } = await setup({ latencyMs: 400 })));

  it("goes QUEUED → PROCESSING → COMPLETED and returns an image of the right size", async () => {
    const job = await client.submit("nano-banana-2-lite", { prompt: "a coffee bag", seed: 7, aspect_ratio: "16:9" });
    expect(job.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(job.statusUrl).toContain(`/v2/requests/${job.requestId}/status`);
    expect(job.remainingCredits).toBeCloseTo(100 - 0.04, 4);
    expect((await client.status(job.requestId)).status).toBe("QUEUED");
    await new Promise((r) => setTimeout(r, 150));
    expect((await client.status(job.requestId)).status).toBe("PROCESSING");
    const result = await client.wait(job.requestId, { interval: 50, timeout: 5000 });
    expect(result.inferenceTime).toBeCloseTo(0.4);
    expect(result.output.text).toContain("seed 7");
    const image = result.output.images[0]!;
    expect(image.kind).toBe("url");
    const fetched = await client.fetchImage((image as { url: string }).url);
    const meta = await sharp(fetched.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1376, 768]);
  });

  it("reports a content block as FAILED with HTTP 422 and a readable reason", async () => {
    const job = await client.submit("nano-banana-2", { prompt: "[sim:blocked] [sim:latency=10] anything" });
    await new Promise((r) => setTimeout(r, 30));
    const state = await client.status(job.requestId);
    expect(state.status).toBe("FAILED");
    expect(state.error).toMatch(/safety/i);
    const error = await caught(client.result(job.requestId));
    expect([error.code, error.status, error.retryable]).toEqual(["content_blocked", 422, false]);
    expect(error.userMessage).toMatch(/blocked/i);
  });

  it("tells a generic failure from a content block, and wait() throws it", async () => {
    const job = await client.submit("nano-banana-2", { prompt: "[sim:fail] [sim:latency=10] x" });
    const error = await caught(client.wait(job.requestId, { interval: 20 }));
    expect(error.code).toBe("failed");
    expect(error.detail).toMatch(/model error/);
  });

  it("wait() times out with its own error while the job still runs", async () => {
    const job = await client.submit("nano-banana-2", { prompt: "[sim:latency=60000] slow" });
    const error = await caught(client.wait(job.requestId, { timeout: 100, interval: 20 }));
    expect(error.code).toBe("timeout");
    expect(error.requestId).toBe(job.requestId);
  });

  it("answers an unknown request id as expired", async () => {
    const error = await caught(client.status("00000000-0000-4000-8000-000000000000"));
    expect([error.code, error.status]).toEqual(["expired", 404]);
  });

  it("gives byte-identical images for the same recipe and different ones for another seed", async () => {
    const run = async (seed: number) => {
      const job = await client.submit("nano-banana-2", { prompt: "[sim:latency=5] same", seed, output_format: "png" });
      const result = await client.wait(job.requestId, { interval: 20 });
      const image = result.output.images[0]!;
      return image.kind === "url" ? (await client.fetchImage(image.url)).bytes : image.bytes;
    };
    const [a, b, c] = [await run(11), await run(11), await run(12)];
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});

describe("expiry", () => {
  it("answers 404 once the retention has passed", async () => {
    const { client } = await setup({ latencyMs: 10, retentionMs: 100 });
    const job = await client.submit("nano-banana-2-lite", { prompt: "short-lived" });
    await client.wait(job.requestId, { interval: 20 });
    await new Promise((r) => setTimeout(r, 200));
    expect((await caught(client.result(job.requestId))).code).toBe("expired");
  });
});

describe("result shapes", () => {
  it.each(["url", "urls", "images", "base64"] as const)("normalises output shape %s", async (shape) => {
    const { client } = await setup({ latencyMs: 5, outputShape: shape });
    const job = await client.submit("nano-banana-2", { prompt: "shape", aspect_ratio: "9:16" });
    const result = await client.wait(job.requestId, { interval: 20 });
    expect(result.output.images).toHaveLength(1);
    expect(result.output.text).toMatch(/9:16/);
    const image = result.output.images[0]!;
    const bytes = image.kind === "url" ? (await client.fetchImage(image.url)).bytes : image.bytes;
    expect((await sharp(bytes).metadata()).height).toBe(1376);
  });

  it("v1 answers raw image bytes by default", async () => {
    const { client } = await setup({ latencyMs: 5 });
    const result = await client.run("nano-banana-2", { prompt: "v1", aspect_ratio: "4:3", output_format: "png" });
    const image = result.output.images[0]!;
    expect(image.kind).toBe("bytes");
    expect(image.kind === "bytes" && image.contentType).toBe("image/png");
    expect(result.remainingCredits).toBeCloseTo(99.92, 4);
  });

  it("v1 can answer JSON instead", async () => {
    const { client } = await setup({ latencyMs: 5, v1Response: "json" });
    const result = await client.run("nano-banana-2", { prompt: "v1 json" });
    expect(result.output.images[0]!.kind).toBe("url");
    expect(result.inferenceTime).toBeCloseTo(0.005);
  });
});

describe("errors", () => {
  it.each([
    [400, "bad_request", false],
    [403, "forbidden", false],
    [406, "insufficient_credits", false],
    [429, "rate_limited", true],
    [500, "server_error", false],
    [502, "bad_gateway", false],
    [504, "gateway_timeout", false],
  ] as const)("a submit answered %i becomes %s, and is sent once", async (status, code, retryable) => {
    const { sim, client } = await setup({}, { maxRateLimitWaitMs: 0 });
    const error = await caught(client.submit("nano-banana-2", { prompt: `[sim:status=${status}] x` }));
    expect([error.code, error.status, error.retryable]).toEqual([code, status, retryable]);
    expect(error.mayHaveBeenCharged).toBe(status >= 500);
    expect(error.userMessage.length).toBeGreaterThan(20);
    expect(posts(sim)).toHaveLength(1);
  });

  it("401 without a valid key", async () => {
    const { sim } = await setup({ apiKeys: ["right"] });
    const client = new SegmindClient({ apiKey: "wrong", baseUrl: sim.url, sleep: noSleep });
    expect((await caught(client.submit("nano-banana-2", { prompt: "x" }))).code).toBe("unauthorized");
  });

  it("404 for an unknown model", async () => {
    const { client } = await setup();
    expect((await caught(client.submit("nano-banana-9" as ModelId, { prompt: "x" }))).code).toBe("not_found");
  });

  it("406 when the balance runs out, and the balance is spent at the catalog's price", async () => {
    const { sim, client } = await setup();
    sim.setCredits("test-key", 0.1);
    await client.submit("nano-banana-2", { prompt: "one", output_resolution: "1K" });
    expect(sim.creditsOf("test-key")).toBeCloseTo(0.02, 6);
    expect(await client.credits()).toBeCloseTo(0.02, 6);
    const error = await caught(client.submit("nano-banana-2", { prompt: "two" }));
    expect(error.code).toBe("insufficient_credits");
    expect(error.userMessage).toMatch(/credits/);
  });

  it("429 from the per-key rate limit carries its reset time", async () => {
    const { sim, client } = await setup({ rpm: 2 }, { maxRateLimitWaitMs: 0 });
    await client.submit("nano-banana-2-lite", { prompt: "a" });
    await client.submit("nano-banana-2-lite", { prompt: "b" });
    const error = await caught(client.submit("nano-banana-2-lite", { prompt: "c" }));
    expect(error.code).toBe("rate_limited");
    expect(error.resetAt!.getTime()).toBeGreaterThan(Date.now());
    expect(error.userMessage).toMatch(/UTC/);
    expect(posts(sim)).toHaveLength(3);
  });

  it("a POST that hits 429 is retried once when the limit resets soon", async () => {
    const { sim, client } = await setup({}, { maxRateLimitWaitMs: 60_000 });
    // The simulator's directive always answers 429: the client tries twice, then reports it.
    const error = await caught(client.submit("nano-banana-2-lite", { prompt: "[sim:status=429] x" }));
    expect(error.code).toBe("rate_limited");
    expect(posts(sim)).toHaveLength(2);
  });

  it("a garbled submit answer is reported as possibly charged, never re-sent", async () => {
    const { sim, client } = await setup();
    const error = await caught(client.submit("nano-banana-2", { prompt: "[sim:malformed] x" }));
    expect([error.code, error.mayHaveBeenCharged, error.retryable]).toEqual(["malformed_response", true, false]);
    expect(error.userMessage).toMatch(/may have/);
    expect(posts(sim)).toHaveLength(1);
  });

  it("a POST that times out after sending is never re-sent", async () => {
    const { sim, client } = await setup({ latencyMs: 2000 }, { syncTimeoutMs: 200 });
    const error = await caught(client.run("nano-banana-2", { prompt: "slow v1" }));
    expect([error.code, error.mayHaveBeenCharged]).toEqual(["timeout", true]);
    expect(posts(sim)).toHaveLength(1);
  });

  it("a refused connection is retried and then reported as not charged", async () => {
    const { sim } = await setup();
    const url = sim.url;
    await sim.close();
    let attempts = 0;
    const client = new SegmindClient({
      apiKey: "k",
      baseUrl: url,
      sleep: noSleep,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const error = await caught(client.submit("nano-banana-2", { prompt: "x" }));
    expect([error.code, error.mayHaveBeenCharged, error.retryable]).toEqual(["network", false, true]);
    expect(attempts).toBe(3);
  });

  it("GETs are retried through transient 502s, then give up with the last error", async () => {
    const { sim, client } = await setup({ latencyMs: 5 });
    const job = await client.submit("nano-banana-2-lite", { prompt: "x" });
    const { sim: flaky } = await setup({ pollErrorRate: 1 });
    const flakyClient = new SegmindClient({ apiKey: "test-key", baseUrl: flaky.url, sleep: noSleep, getAttempts: 3 });
    const error = await caught(flakyClient.status(job.requestId));
    // The flaky simulator does not know the job: a 404 is final and not retried.
    expect(error.code).toBe("expired");
    const flakyJob = await new SegmindClient({ apiKey: "test-key", baseUrl: flaky.url }).submit("nano-banana-2-lite", { prompt: "y" });
    const badGateway = await caught(flakyClient.status(flakyJob.requestId));
    expect(badGateway.code).toBe("bad_gateway");
    expect(flaky.requests.filter((r) => r.path.endsWith("/status") && r.status === 502)).toHaveLength(3);
    expect(sim.requests.length).toBeGreaterThan(0);
  });

  it("a garbled status body is a retryable malformed_response, not a crash", async () => {
    const { client } = await setup({}, { getAttempts: 1 });
    const job = await client.submit("nano-banana-2", { prompt: "[sim:malformed=result] x" });
    const error = await caught(client.status(job.requestId));
    expect([error.code, error.retryable]).toEqual(["malformed_response", true]);
  });

  it("the client refuses a payload the model does not accept before sending it", async () => {
    const { sim, client } = await setup();
    const error = await caught(client.submit("nano-banana-2-lite", { prompt: "x", output_resolution: "4K" }));
    expect(error.code).toBe("bad_request");
    expect(posts(sim)).toHaveLength(0);
  });
});

describe("Segmind Storage", () => {
  it("turns data URLs into hosted URLs the model then fetches", async () => {
    const { sim, client } = await setup({ latencyMs: 5 });
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const [url] = await client.uploadAssets([`data:image/png;base64,${png.toString("base64")}`]);
    expect(url).toMatch(new RegExp(`^${sim.url}/assets/`));
    const job = await client.submit("nano-banana-2", { prompt: "with ref", image_urls: [url!], aspect_ratio: "auto" });
    const result = await client.wait(job.requestId, { interval: 20 });
    const image = result.output.images[0]!;
    const bytes = image.kind === "url" ? (await client.fetchImage(image.url)).bytes : image.bytes;
    // "auto" follows the 3:2 reference.
    expect((await sharp(bytes).metadata()).width).toBe(1264);
    expect(sim.requests.find((r) => r.requestId === job.requestId)?.imageUrls).toEqual([url]);
  });

  it("rejects something that is not an image", async () => {
    const { client } = await setup();
    const error = await caught(client.uploadAssets([`data:image/png;base64,${Buffer.from("hello").toString("base64")}`]));
    expect(error.code).toBe("bad_request");
  });
});

/** A fetch that records every URL asked for and can rewrite answers, to stand in for a forged one. */
function recordingFetch(rewrite?: (url: string, body: Record<string, unknown>) => Record<string, unknown>) {
  const urls: string[] = [];
  const impl: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    urls.push(url);
    const response = await fetch(input, init);
    if (!rewrite || !(response.headers.get("content-type") ?? "").includes("json")) return response;
    const body = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify(rewrite(url, body)), { status: response.status, headers: response.headers });
  };
  return { urls, impl };
}

describe("closer to real Segmind", () => {
  it("a FAILED status body's error is the failure: the result URL is never asked", async () => {
    const { sim, client } = await setup({ latencyMs: 5 });
    const job = await client.submit("nano-banana-2", { prompt: "[sim:fail] [sim:latency=5] anything" });
    await new Promise((r) => setTimeout(r, 30));
    const state = await client.status(job.requestId);
    expect(state).toMatchObject({ status: "FAILED", error: expect.stringMatching(/Internal model error/) });
    const error = await caught(client.outcome(state));
    expect(error.code).toBe("failed");
    expect(error.detail).toMatch(/Internal model error/);
    expect(sim.requests.filter((r) => r.path === `/v2/requests/${job.requestId}`)).toHaveLength(0);
  });

  it("a FAILED job with no reason whose result URL answers 404 stays 'failed', not 'expired'", async () => {
    const { client } = await setup();
    const error = await caught(client.outcome({ requestId: "00000000-0000-4000-8000-000000000000", status: "FAILED" }));
    expect(error.code).toBe("failed");
    expect(error.retryable).toBe(false);
  });

  it("FAILED bodies carry metrics, COMPLETED bodies say error: null, submit answers name poll_url", async () => {
    const { sim } = await setup({ latencyMs: 5 });
    const submit = async (prompt: string) =>
      (await (
        await fetch(`${sim.url}/v2/nano-banana-2-lite`, {
          method: "POST",
          headers: { "x-api-key": "k", "content-type": "application/json" },
          body: JSON.stringify({ prompt }),
        })
      ).json()) as Record<string, string>;
    const ok = await submit("fine [sim:latency=5]");
    expect(ok.poll_url).toBe(ok.status_url);
    const bad = await submit("[sim:fail] [sim:latency=5]");
    await new Promise((r) => setTimeout(r, 30));
    const failed = await (await fetch(bad.status_url!, { headers: { "x-api-key": "k" } })).json();
    expect(failed).toMatchObject({ status: "FAILED", metrics: { inference_time: expect.any(Number) } });
    const done = await (await fetch(ok.response_url!, { headers: { "x-api-key": "k" } })).json();
    expect(done).toMatchObject({ status: "COMPLETED", error: null });
  });

  it("follows status_url and response_url on the API origin, and reads poll_url when status_url is absent", async () => {
    const { sim } = await setup({ latencyMs: 20 });
    const recorder = recordingFetch((url, body) => {
      if (!/\/v2\/nano-banana-2-lite$/.test(url)) return body;
      const { status_url, ...rest } = body;
      return { ...rest, poll_url: `${String(status_url)}?via=poll_url`, response_url: `${String(body.response_url)}?via=response_url` };
    });
    const client = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, fetch: recorder.impl });
    const job = await client.submit("nano-banana-2-lite", { prompt: "follow me" });
    expect(job.statusUrl).toMatch(/via=poll_url$/);
    await new Promise((r) => setTimeout(r, 60));
    const state = await client.status(job.requestId, job.statusUrl);
    await client.outcome(state, job.responseUrl);
    expect(recorder.urls.some((u) => u.endsWith("via=poll_url"))).toBe(true);
    expect(recorder.urls.some((u) => u.endsWith("via=response_url"))).toBe(true);
  });

  it("a forged status_url or response_url on another host is never requested: the URLs are built from the base instead", async () => {
    const { sim } = await setup({ latencyMs: 20 });
    const evil = await startSimulator({ latencyMs: 5 });
    sims.push(evil);
    const recorder = recordingFetch((url, body) =>
      /\/v2\/nano-banana-2$/.test(url)
        ? { ...body, status_url: `${evil.url}/v2/requests/x/status`, response_url: `http://169.254.169.254/latest/meta-data` }
        : body,
    );
    const client = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, fetch: recorder.impl });
    const job = await client.submit("nano-banana-2", { prompt: "forged" });
    expect(job.statusUrl).toBe(`${sim.url}/v2/requests/${job.requestId}/status`);
    expect(job.responseUrl).toBe(`${sim.url}/v2/requests/${job.requestId}`);
    await new Promise((r) => setTimeout(r, 60));
    const result = await client.outcome(await client.status(job.requestId, `${evil.url}/v2/requests/x/status`), "http://169.254.169.254/latest/meta-data");
    expect(result.output.images).toHaveLength(1);
    expect(evil.requests).toHaveLength(0);
    expect(recorder.urls.filter((u) => !u.startsWith(sim.url))).toEqual([]);
  });

  it("an allowed origin is followed when configured", async () => {
    const { sim } = await setup({ latencyMs: 20 });
    // The same simulator under another name: another origin as far as the client can tell.
    const alias = sim.url.replace("127.0.0.1", "localhost");
    const recorder = recordingFetch((url, body) =>
      /\/v2\/nano-banana-2$/.test(url) ? { ...body, status_url: String(body.status_url).replace(sim.url, alias) } : body,
    );
    const strict = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, fetch: recorder.impl });
    expect((await strict.submit("nano-banana-2", { prompt: "x" })).statusUrl.startsWith(sim.url)).toBe(true);
    const open = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, fetch: recorder.impl, allowedOrigins: [alias] });
    expect((await open.submit("nano-banana-2", { prompt: "x" })).statusUrl.startsWith(alias)).toBe(true);
  });

  it("output images are fetched only from allowed hosts, and never past the size cap", async () => {
    const { sim } = await setup({ latencyMs: 5 });
    const recorder = recordingFetch();
    const client = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep, fetch: recorder.impl, maxImageBytes: 1000 });
    for (const url of [
      "http://169.254.169.254/latest/meta-data/iam",
      "http://localhost:5432/",
      "file:///etc/passwd",
      "https://segmind.com.evil.example/x.png",
    ]) {
      const error = await caught(client.fetchImage(url));
      expect(error.code).toBe("malformed_response");
    }
    expect(recorder.urls).toEqual([]);
    const allowed = new SegmindClient({ apiKey: "k", baseUrl: sim.url, storageUrl: sim.url, sleep: noSleep });
    expect(allowed).toBeDefined();
    const job = await client.submit("nano-banana-2-lite", { prompt: "big [sim:latency=5]" });
    const result = await client.wait(job.requestId, { interval: 20 });
    const image = result.output.images[0] as { url: string };
    const tooLarge = await caught(client.fetchImage(image.url));
    expect(tooLarge.detail).toMatch(/larger than/);
    expect((await allowed.fetchImage(image.url)).bytes.length).toBeGreaterThan(1000);
  });

  it("accepts the SDK's base URL form (…/v1) as well as the bare origin", async () => {
    const { sim } = await setup({ latencyMs: 5 });
    for (const baseUrl of [`${sim.url}/v1`, `${sim.url}/v1/`, `${sim.url}/`]) {
      const client = new SegmindClient({ apiKey: "k", baseUrl, storageUrl: sim.url, sleep: noSleep });
      const job = await client.submit("nano-banana-2-lite", { prompt: "sdk base [sim:latency=5]" });
      expect((await client.wait(job.requestId, { interval: 20 })).output.images).toHaveLength(1);
      expect((await client.run("nano-banana-2", { prompt: "v1 sdk base [sim:latency=5]" })).output.images).toHaveLength(1);
    }
    expect(sim.requests.some((r) => r.path.startsWith("/v1/v1") || r.path.startsWith("/v1/v2"))).toBe(false);
  });

  it("a content-policy code (CONTENT_POLICY_VIOLATION) or an error_detail beside error: null reads as a content block", async () => {
    const { client } = await setup({ latencyMs: 5 });
    for (const prompt of ["[sim:blocked=code] [sim:latency=5] x", "[sim:blocked=detail] [sim:latency=5] x"]) {
      const job = await client.submit("nano-banana-2", { prompt });
      const error = await caught(client.wait(job.requestId, { interval: 20 }));
      expect(error.code).toBe("content_blocked");
      expect(error.userMessage).toMatch(/content safety filter/);
    }
  });

  it("an output that is itself a JSON string is decoded", async () => {
    const { client } = await setup({ latencyMs: 5 });
    const job = await client.submit("nano-banana-2-lite", { prompt: "[sim:output=json-string] [sim:latency=5] x" });
    const result = await client.wait(job.requestId, { interval: 20 });
    expect(result.output.images[0]).toMatchObject({ kind: "url" });
  });
});
