import "server-only";
/**
 * The only code that talks to Segmind and the only holder of the API key. Every failure leaves here as a
 * SegmindError; every payload leaves here reshaped into our own types.
 *
 * Retry policy, because Segmind has no idempotency: GETs (status, result, images) are retried with backoff
 * and jitter; a POST that creates a generation is retried only when it provably was not accepted
 * (connection refused, 429). Anything else after sending — a timeout, a cut connection, a 5xx, a garbled
 * 2xx — may have started a paid generation, so it is reported, never re-sent.
 */
import type { ModelId } from "./catalog";
import { SegmindError, codeForStatus, failureCode } from "./errors";
import { normaliseOutput, UnreadableOutputError, type NormalisedOutput } from "./normalise";
import { segmindPayloadSchemas, type SegmindPayload, type SegmindPayloadInput } from "./schema";

import { MAX_IMAGE_BYTES, SEGMIND_BASE_URL, SEGMIND_IMAGE_HOSTS, SEGMIND_STORAGE_URL, normaliseBaseUrl } from "./urls";

export type JobStatus = "QUEUED" | "PROCESSING" | "COMPLETED" | "FAILED";
const JOB_STATUSES: readonly JobStatus[] = ["QUEUED", "PROCESSING", "COMPLETED", "FAILED"];

export interface SegmindClientOptions {
  apiKey: string;
  baseUrl?: string;
  storageUrl?: string;
  /** Deadline of one status/result/upload call. */
  timeoutMs?: number;
  /** Deadline of a v1 call, which holds the connection open for the whole generation. */
  syncTimeoutMs?: number;
  /** How many times a GET is tried in all. */
  getAttempts?: number;
  /** A POST hit by 429 is retried once if the limit resets within this long. */
  maxRateLimitWaitMs?: number;
  /**
   * Origins (besides the base URL's) whose `status_url` / `response_url` may be followed. Any other origin in
   * an answer is ignored and the URL built from the base instead: a forged answer cannot point us elsewhere.
   */
  allowedOrigins?: string[];
  /**
   * Hosts output images may be fetched from: exact names or `*.example.com`. The base URL's and Storage's
   * hosts are always allowed. Default: Segmind's own domains.
   */
  imageHosts?: string[];
  /** The largest output image fetched; larger is refused while it streams in. */
  maxImageBytes?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface Credits {
  /** Remaining credit as Segmind reports it in `x-remaining-credits`, when it does. */
  remainingCredits?: number;
}

export interface SubmittedJob extends Credits {
  requestId: string;
  status: JobStatus;
  statusUrl: string;
  responseUrl: string;
}

export interface JobState extends Credits {
  requestId: string;
  status: JobStatus;
  error?: string;
  metrics?: Record<string, unknown>;
}

export interface GenerationResult extends Credits {
  requestId?: string;
  output: NormalisedOutput;
  /** Server compute seconds, when Segmind reports them. */
  inferenceTime?: number;
}

export interface FetchedImage {
  bytes: Buffer;
  contentType: string;
}

interface HttpAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SegmindClient {
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly storageUrl: string;
  private readonly timeoutMs: number;
  private readonly syncTimeoutMs: number;
  private readonly getAttempts: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly allowedOrigins: Set<string>;
  private readonly imageHosts: string[];
  private readonly maxImageBytes: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: SegmindClientOptions) {
    if (!options.apiKey) throw new Error("SegmindClient needs an API key.");
    this.apiKey = options.apiKey;
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? SEGMIND_BASE_URL);
    this.storageUrl = trimSlash(options.storageUrl ?? SEGMIND_STORAGE_URL);
    this.allowedOrigins = new Set([new URL(this.baseUrl).origin, ...(options.allowedOrigins ?? []).map((o) => new URL(o).origin)]);
    this.imageHosts = [...(options.imageHosts ?? SEGMIND_IMAGE_HOSTS), new URL(this.baseUrl).hostname, new URL(this.storageUrl).hostname].map((h) =>
      h.toLowerCase(),
    );
    this.maxImageBytes = options.maxImageBytes ?? MAX_IMAGE_BYTES;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 300_000;
    this.getAttempts = options.getAttempts ?? 4;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 5_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** v1: one synchronous call that answers with the image itself (bytes) or a JSON body. */
  async run(model: ModelId, payload: SegmindPayloadInput): Promise<GenerationResult> {
    const body = validate(model, payload);
    const answer = await this.post(`${this.baseUrl}/v1/${model}`, body, this.syncTimeoutMs);
    const contentType = answer.headers.get("content-type") ?? "";
    const remainingCredits = readCredits(answer.headers);
    if (contentType.startsWith("image/")) {
      return { output: { images: [{ kind: "bytes", bytes: answer.bytes, contentType: contentType.split(";")[0]! }] }, remainingCredits };
    }
    const json = tryParseJson(answer.bytes);
    try {
      return { output: normaliseOutput(json), remainingCredits, inferenceTime: inferenceTimeOf(json) };
    } catch (error) {
      // The generation ran (and was paid for) but we cannot read it: say so instead of trying again.
      throw new SegmindError("malformed_response", { status: answer.status, mayHaveBeenCharged: true, retryable: false, cause: error });
    }
  }

  /**
   * v2 step 1: queue a generation. Fails loudly when the answer lacks a request id. The status and result
   * URLs it names are followed when they are on an allowed origin (`poll_url` is read as the status URL);
   * otherwise they are built from the base URL.
   */
  async submit(model: ModelId, payload: SegmindPayloadInput): Promise<SubmittedJob> {
    const body = validate(model, payload);
    const answer = await this.post(`${this.baseUrl}/v2/${model}`, body, this.timeoutMs);
    const json = tryParseJson(answer.bytes);
    const requestId = stringAt(json, "request_id");
    if (!requestId) {
      throw new SegmindError("malformed_response", {
        status: answer.status,
        detail: "the submit answer lacks a request_id",
        mayHaveBeenCharged: true,
        retryable: false,
      });
    }
    return {
      requestId,
      statusUrl: this.followable(stringAt(json, "status_url") ?? stringAt(json, "poll_url")) ?? this.statusUrlOf(requestId),
      responseUrl: this.followable(stringAt(json, "response_url")) ?? this.resultUrlOf(requestId),
      status: jobStatusOf(stringAt(json, "status")) ?? "QUEUED",
      remainingCredits: readCredits(answer.headers),
    };
  }

  /** v2 step 2: where a queued generation stands. A FAILED job is a state here, not an exception. */
  async status(requestId: string, statusUrl?: string | null): Promise<JobState> {
    const answer = await this.get(this.followable(statusUrl) ?? this.statusUrlOf(requestId), { requestId });
    const json = this.readJobBody(answer, requestId);
    const status = jobStatusOf(stringAt(json, "status"));
    if (!status) throw new SegmindError("malformed_response", { status: answer.status, requestId, detail: "unknown job status" });
    return {
      requestId,
      status,
      error: status === "FAILED" ? errorTextOf(json) : undefined,
      metrics: recordAt(json, "metrics"),
      remainingCredits: readCredits(answer.headers),
    };
  }

  /**
   * What an ended job came to: its result, or its failure. A FAILED status body already carries the error, so
   * the result URL is asked only when it does not — and a result URL that then answers 404 or garbage does not
   * replace Segmind's own "failed" with "expired" or "malformed".
   */
  async outcome(state: JobState, responseUrl?: string | null): Promise<GenerationResult> {
    if (state.status === "FAILED") {
      if (state.error) throw new SegmindError(failureCode(state.error), { requestId: state.requestId, detail: state.error, retryable: false });
      try {
        return await this.result(state.requestId, responseUrl);
      } catch (error) {
        if (error instanceof SegmindError && (error.code === "failed" || error.code === "content_blocked")) throw error;
        throw new SegmindError("failed", {
          requestId: state.requestId,
          detail: "Segmind reported the job as failed without a reason",
          retryable: false,
          cause: error,
        });
      }
    }
    return this.result(state.requestId, responseUrl);
  }

  /** v2 step 3: the final body of a COMPLETED job. A FAILED job throws `failed` or `content_blocked`. */
  async result(requestId: string, responseUrl?: string | null): Promise<GenerationResult> {
    const answer = await this.get(this.followable(responseUrl) ?? this.resultUrlOf(requestId), { requestId });
    const json = this.readJobBody(answer, requestId);
    const status = jobStatusOf(stringAt(json, "status"));
    if (status === "FAILED") {
      const detail = errorTextOf(json);
      throw new SegmindError(failureCode(detail), { status: answer.status, requestId, detail, retryable: false });
    }
    if (status !== "COMPLETED") {
      throw new SegmindError("malformed_response", {
        status: answer.status,
        requestId,
        detail: `the result was asked for while the job is ${status ?? "in an unknown state"}`,
      });
    }
    try {
      return { requestId, output: normaliseOutput(json), inferenceTime: inferenceTimeOf(json), remainingCredits: readCredits(answer.headers) };
    } catch (error) {
      if (error instanceof UnreadableOutputError) {
        throw new SegmindError("malformed_response", { status: answer.status, requestId, detail: error.message, cause: error });
      }
      throw error;
    }
  }

  /** Polls until the job ends, like the SDK's `job.wait()`: timeout and failure are distinct errors. */
  async wait(requestId: string, { timeout = 600_000, interval = 1_000 }: { timeout?: number; interval?: number } = {}): Promise<GenerationResult> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.status(requestId);
      if (state.status === "COMPLETED" || state.status === "FAILED") return this.outcome(state);
      if (Date.now() + interval > deadline) {
        throw new SegmindError("timeout", { requestId, detail: `still ${state.status} after ${Math.round(timeout / 1000)} s`, retryable: true });
      }
      await this.sleep(interval);
    }
  }

  /**
   * Fetches an output image: only from an allowed image host (the URL comes from an answer body, which must
   * not be able to point us at an internal address), within the size cap. Output URLs are public files: the
   * key is never sent along.
   */
  async fetchImage(url: string): Promise<FetchedImage> {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(parsed.protocol);
      host = parsed.hostname.toLowerCase();
    } catch {
      throw new SegmindError("malformed_response", { detail: "the output image URL is not an http(s) URL", retryable: false });
    }
    if (!this.imageHosts.some((allowed) => (allowed.startsWith("*.") ? host.endsWith(allowed.slice(1)) : host === allowed))) {
      throw new SegmindError("malformed_response", { detail: `the output image is on a host the studio does not fetch from (${host})`, retryable: false });
    }
    const answer = await this.get(url, { withKey: false, maxBytes: this.maxImageBytes });
    if (answer.status === 404) throw new SegmindError("expired", { status: 404, detail: "the output file is gone" });
    if (answer.status >= 400) throw new SegmindError(codeForStatus(answer.status), { status: answer.status });
    const contentType = (answer.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!;
    return { bytes: answer.bytes, contentType };
  }

  /**
   * Segmind Storage: data URLs in, hosted URLs out, so references can be fetched by the model.
   * An upload is not a paid generation, so a failed one is safe to send again.
   */
  async uploadAssets(dataUrls: string[]): Promise<string[]> {
    if (dataUrls.length === 0) return [];
    const answer = await this.request("POST", `${this.storageUrl}/upload-asset`, { data_urls: dataUrls }, this.timeoutMs, {
      retries: this.getAttempts - 1,
      retryAfterSend: true,
    });
    if (answer.status >= 400) throw this.errorFromAnswer(answer, {});
    const json = parseJson(answer.bytes);
    const urls = arrayOfStrings(recordOf(json)?.urls) ?? arrayOfStrings(recordOf(json)?.file_urls);
    if (!urls || urls.length !== dataUrls.length) {
      throw new SegmindError("malformed_response", { status: answer.status, detail: "the upload answer lacks the hosted URLs" });
    }
    return urls;
  }

  async credits(): Promise<number> {
    const answer = await this.get(`${this.baseUrl}/v1/get-user-credits`, {});
    if (answer.status >= 400) throw this.errorFromAnswer(answer, {});
    const json = recordOf(parseJson(answer.bytes));
    const value = Number(json?.credits ?? json?.remaining_credits ?? readCredits(answer.headers));
    if (!Number.isFinite(value)) throw new SegmindError("malformed_response", { detail: "no credit balance in the answer" });
    return value;
  }

  // --- plumbing -------------------------------------------------------------------------------------------

  private async post(url: string, body: unknown, timeoutMs: number): Promise<HttpAnswer> {
    let rateLimitRetries = 1;
    for (;;) {
      const answer = await this.request("POST", url, body, timeoutMs, { retries: 2, retryAfterSend: false });
      if (answer.status === 429 && rateLimitRetries-- > 0) {
        const wait = rateLimitWait(answer.headers);
        if (wait !== undefined && wait <= this.maxRateLimitWaitMs) {
          await this.sleep(wait);
          continue;
        }
      }
      if (answer.status >= 400) throw this.errorFromAnswer(answer, { afterPost: true });
      return answer;
    }
  }

  private statusUrlOf(requestId: string): string {
    return `${this.baseUrl}/v2/requests/${encodeURIComponent(requestId)}/status`;
  }

  private resultUrlOf(requestId: string): string {
    return `${this.baseUrl}/v2/requests/${encodeURIComponent(requestId)}`;
  }

  /** `url` when it is an http(s) URL on an allowed API origin; undefined (build it instead) otherwise. */
  private followable(url: string | null | undefined): string | undefined {
    if (!url) return undefined;
    try {
      const parsed = new URL(url);
      if ((parsed.protocol === "https:" || parsed.protocol === "http:") && this.allowedOrigins.has(parsed.origin)) return parsed.toString();
    } catch {
      // not a URL: build one
    }
    return undefined;
  }

  private async get(url: string, { requestId, withKey = true, maxBytes }: { requestId?: string; withKey?: boolean; maxBytes?: number }): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.getAttempts;
      let answer: HttpAnswer;
      try {
        answer = await this.request("GET", url, undefined, this.timeoutMs, { retries: 0, retryAfterSend: true, withKey, maxBytes });
      } catch (error) {
        if (last || (error instanceof SegmindError && error.code === "malformed_response")) throw error;
        await this.sleep(backoff(attempt));
        continue;
      }
      const transient = [429, 500, 502, 503, 504].includes(answer.status);
      if (transient && !last) {
        const wait = answer.status === 429 ? (rateLimitWait(answer.headers) ?? backoff(attempt)) : backoff(attempt);
        await this.sleep(Math.min(wait, 30_000));
        continue;
      }
      // 404 and 422 carry meaning for the caller (expired, FAILED with its body); everything else is an error.
      if (answer.status >= 400 && answer.status !== 404 && answer.status !== 422) throw this.errorFromAnswer(answer, { requestId });
      return answer;
    }
  }

  /** One HTTP exchange, with its own deadline; network failures are retried as the caller allows. */
  private async request(
    method: "GET" | "POST",
    url: string,
    body: unknown,
    timeoutMs: number,
    { retries, retryAfterSend, withKey = true, maxBytes }: { retries: number; retryAfterSend: boolean; withKey?: boolean; maxBytes?: number },
  ): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        const headers: Record<string, string> = {};
        if (withKey) headers["x-api-key"] = this.apiKey;
        if (body !== undefined) headers["content-type"] = "application/json";
        const response = await this.fetchImpl(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "follow",
          cache: "no-store",
        });
        const bytes = maxBytes === undefined ? Buffer.from(await response.arrayBuffer()) : await readCapped(response, maxBytes);
        return { status: response.status, headers: response.headers, bytes };
      } catch (error) {
        if (error instanceof SegmindError) throw error;
        const notSent = isConnectionRefused(error);
        const canRetry = attempt <= retries && (notSent || retryAfterSend);
        if (canRetry) {
          await this.sleep(backoff(attempt));
          continue;
        }
        const timedOut = isTimeout(error);
        throw new SegmindError(timedOut ? "timeout" : "network", {
          detail: timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : describeNetworkError(error),
          mayHaveBeenCharged: method === "POST" && !retryAfterSend && !notSent,
          retryable: method === "GET" || notSent,
          cause: error,
        });
      }
    }
  }

  private readJobBody(answer: HttpAnswer, requestId: string): unknown {
    if (answer.status === 404) {
      throw new SegmindError("expired", { status: 404, requestId, detail: "unknown or expired request id", retryable: false });
    }
    // A FAILED job answers 422 *with* a body: read it rather than treating the 422 as a transport error.
    return parseJson(answer.bytes, { requestId });
  }

  private errorFromAnswer(answer: HttpAnswer, { requestId, afterPost = false }: { requestId?: string; afterPost?: boolean }): SegmindError {
    const code = codeForStatus(answer.status);
    const detail = errorTextOf(tryParseJson(answer.bytes));
    const resetAt = code === "rate_limited" ? readResetAt(answer.headers) : undefined;
    // 4xx means Segmind refused the request; after a 5xx nobody can say whether a generation started.
    const mayHaveBeenCharged = afterPost && answer.status >= 500;
    return new SegmindError(code === "failed" ? failureCode(detail) : code, {
      status: answer.status,
      requestId,
      detail,
      resetAt,
      mayHaveBeenCharged,
      retryable: mayHaveBeenCharged ? false : undefined,
    });
  }
}

/** The body, refused once it passes `maxBytes` (declared or counted): an answer must not exhaust our memory. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new SegmindError("malformed_response", { detail: `the output image is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, retryable: false });
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
}

function validate(model: ModelId, payload: SegmindPayloadInput): SegmindPayload {
  const schema = segmindPayloadSchemas[model];
  // A model outside our catalog is sent as given, so Segmind's own 404 reaches the caller.
  if (!schema) return payload as SegmindPayload;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SegmindError("bad_request", { detail: `${issue?.path.join(".") || "payload"}: ${issue?.message}`, retryable: false });
  }
  return parsed.data;
}

function parseJson(bytes: Buffer, { requestId }: { requestId?: string } = {}): unknown {
  const value = tryParseJson(bytes);
  if (value === undefined) {
    throw new SegmindError("malformed_response", { requestId, detail: "the answer is not valid JSON", mayHaveBeenCharged: false });
  }
  return value;
}

function tryParseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringAt(value: unknown, key: string): string | undefined {
  const field = recordOf(value)?.[key];
  return typeof field === "string" && field ? field : undefined;
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  return recordOf(recordOf(value)?.[key]);
}

function arrayOfStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
}

function jobStatusOf(value: string | undefined): JobStatus | undefined {
  const upper = value?.toUpperCase();
  return JOB_STATUSES.find((s) => s === upper);
}

function errorTextOf(value: unknown): string | undefined {
  const record = recordOf(value);
  const error = record?.error ?? record?.error_detail ?? record?.detail ?? record?.message;
  if (typeof error === "string") return error.slice(0, 500);
  const nested = recordOf(error);
  if (nested && typeof nested.message === "string") return nested.message.slice(0, 500);
  return undefined;
}

function inferenceTimeOf(value: unknown): number | undefined {
  const time = recordAt(value, "metrics")?.inference_time;
  const seconds = typeof time === "number" ? time : Number(time);
  return Number.isFinite(seconds) ? seconds : undefined;
}

function readCredits(headers: Headers): number | undefined {
  const raw = headers.get("x-remaining-credits");
  if (raw === null) return undefined;
  const value = Number.parseFloat(raw);
  return Number.isFinite(value) ? value : undefined;
}

function readResetAt(headers: Headers): Date | undefined {
  const raw = headers.get("x-rate-limit-reset-at-utc");
  if (!raw) return undefined;
  // Segmind sends an ISO-like UTC timestamp; a bare one without a zone is UTC too.
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function rateLimitWait(headers: Headers): number | undefined {
  const resetAt = readResetAt(headers);
  return resetAt ? Math.max(0, resetAt.getTime() - Date.now()) : undefined;
}

function backoff(attempt: number): number {
  const base = 250 * 2 ** (attempt - 1);
  return base + Math.random() * base;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = recordOf(current)?.code;
    if (typeof code === "string") return code;
    current = recordOf(current)?.cause;
  }
  return undefined;
}

/** Refused or unresolvable: the request never left this machine, so nothing can have been charged. */
function isConnectionRefused(error: unknown): boolean {
  const code = causeCode(error);
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function describeNetworkError(error: unknown): string {
  return causeCode(error) ?? (error instanceof Error ? error.message : "connection failed");
}
