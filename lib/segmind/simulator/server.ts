/**
 * A faithful stand-in for Segmind's API, over real HTTP. The studio talks to it by default when no
 * SEGMIND_API_KEY is set, and every test runs against it. It speaks the same routes, headers, status codes
 * and job lifecycle as Segmind (see the catalog and the README), validates with the same catalog, keeps a
 * credit balance and a rate limit per key, and injects faults on demand through prompt directives.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closestAspectRatio, estimatedPriceUsd, isModelId, outputSize, type FixedAspectRatio, type ModelId } from "../catalog";
import { segmindPayloadSchemas, type SegmindPayload } from "../schema";
import { sniffImageType, extensionFor } from "../../images/image-type";
import { renderImage, type RenderInput } from "./render";
import { copyInPrompt, filledCopy, isFixPrompt } from "../../copy";
import { paletteInPrompt } from "../../brand-kits/compose";
import { colourDistance } from "../../checks/colour";
import sharp from "sharp";

export type OutputShape = "url" | "urls" | "images" | "base64" | "json-string";
const OUTPUT_SHAPES: readonly OutputShape[] = ["url", "urls", "images", "base64", "json-string"];

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Base of the URLs the simulator hands out for files; defaults to its own address. */
  publicUrl?: string;
  /** Valid keys; empty means any non-empty key is valid. */
  apiKeys?: string[];
  /** Starting balance of every key, in dollars. */
  credits?: number;
  /** Generation POSTs allowed per key per minute; 0 turns the limit off. */
  rpm?: number;
  /** A job's latency: exact, or the median of a log-normal distribution when `latencySpread` is set. */
  latencyMs?: number;
  /** Sigma of the log-normal latency (0.25 ≈ most jobs within ±30% of the median); 0: every job takes exactly `latencyMs`. */
  latencySpread?: number;
  retentionMs?: number;
  outputShape?: OutputShape;
  v1Response?: "bytes" | "json";
  /** Random fault rates, 0..1. */
  failureRate?: number;
  submitErrorRate?: number;
  pollErrorRate?: number;
  /** Largest upload accepted by /upload-asset, in bytes. */
  maxUploadBytes?: number;
}

export interface SimulatorRequestLog {
  at: number;
  method: string;
  path: string;
  status: number;
  /** When the answer was finished (or the connection closed), for overlap counts. */
  endedAt?: number;
  /** A generation's latency as drawn, for benchmarks that subtract it. */
  latencyMs?: number;
  model?: string;
  requestId?: string;
  prompt?: string;
  imageUrls?: string[];
}

interface Directives {
  blocked: boolean;
  /** How a block is worded: a sentence (default), a policy code in `error`, or a code in `error_detail` beside `error: null`. */
  blockedAs?: "code" | "detail";
  fail: boolean;
  status?: number;
  latencyMs?: number;
  latencySpread?: number;
  malformed?: "submit" | "result";
  output?: OutputShape;
  v1?: "bytes" | "json";
  /** Copy rendering (issue 14): one headline word misspelled, no copy drawn, or copy in the bottom fifth. */
  typo?: boolean;
  noText?: boolean;
  textZone?: "bottom";
  /** Colours far from any palette the prompt names (issue 14). */
  offBrand?: boolean;
}

interface Job {
  id: string;
  apiKey: string;
  model: ModelId;
  payload: SegmindPayload;
  directives: Directives;
  createdAt: number;
  latencyMs: number;
  failure?: string;
  outputShape: OutputShape;
  prepared: Promise<{ references: Buffer[] } | { error: string }>;
  rendered?: Promise<RenderedOutput>;
}

interface RenderedOutput {
  fileName: string;
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
  text?: string;
}

interface StoredFile {
  bytes: Buffer;
  contentType: string;
  expiresAt?: number;
}

export interface Simulator {
  url: string;
  server: Server;
  /** Every request received, oldest first (the newest 5,000). */
  requests: SimulatorRequestLog[];
  creditsOf(apiKey: string): number;
  setCredits(apiKey: string, dollars: number): void;
  close(): Promise<void>;
}

const DIRECTIVE = /\[sim:([a-z0-9_-]+)(?:=([^\]]*))?\]/gi;

/**
 * The copy a prompt asks for, as the simulator draws it: legibly, unless told to misspell a headline word (a
 * "fix the text" edit is always drawn right, as the model would), to draw none, or to draw it low.
 */
export function copyToDraw(prompt: string): RenderInput["copy"] {
  const copy = copyInPrompt(prompt);
  const directives = parseDirectives(prompt);
  if (directives.noText || filledCopy(copy).length === 0) return undefined;
  const headline = copy.headline && directives.typo && !isFixPrompt(prompt) ? misspell(copy.headline) : copy.headline;
  const lines: NonNullable<RenderInput["copy"]>["lines"] = [];
  if (headline) lines.push({ text: headline, role: "headline" });
  for (const field of ["subline", "price", "cta"] as const) if (copy[field]) lines.push({ text: copy[field], role: "body" });
  if (copy.legal) lines.push({ text: copy.legal, role: "small" });
  return { lines, zone: directives.textZone ?? "top" };
}

/** Strong colours the simulator can paint in when told to go off brand: the two farthest from the palette are used. */
const OFF_BRAND = ["#E0218A", "#00A86B", "#7A1FA2", "#FF6F00", "#0091EA", "#C6FF00"];

/**
 * The colours to paint with: the prompt's palette (a kit's paragraph), as a model keeping to it would; or, told
 * `[sim:offbrand]`, the strong colours farthest from it. None: the seed picks the colours.
 */
export function paletteToPaint(prompt: string): string[] | undefined {
  const palette = paletteInPrompt(prompt);
  if (!parseDirectives(prompt).offBrand) return palette.length ? palette : undefined;
  const distanceTo = (hex: string) => Math.min(...(palette.length ? palette : ["#808080"]).map((p) => colourDistance(hex, p)));
  return [...OFF_BRAND].sort((a, b) => distanceTo(b) - distanceTo(a)).slice(0, 2);
}

/** Two letters of the headline's longest word swapped ("LEMON" → "LMEON"): a typo OCR reads back. */
function misspell(text: string): string {
  const words = text.split(" ");
  const longest = words.reduce((a, b) => (b.replace(/\W/g, "").length > a.replace(/\W/g, "").length ? b : a), "");
  if (longest.length < 4) return text;
  const i = Math.floor(longest.length / 2) - 1;
  const swapped = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2);
  return words.map((w) => (w === longest ? swapped : w)).join(" ");
}

export function parseDirectives(prompt: string): Directives {
  const directives: Directives = { blocked: false, fail: false };
  for (const match of prompt.matchAll(DIRECTIVE)) {
    const name = match[1]!.toLowerCase();
    const value = match[2]?.trim();
    if (name === "blocked") {
      directives.blocked = true;
      if (value === "code" || value === "detail") directives.blockedAs = value;
    } else if (name === "fail") directives.fail = true;
    else if (name === "status" && value && /^\d{3}$/.test(value)) directives.status = Number(value);
    else if (name === "latency" && value && /^\d+(~\d*\.?\d+)?$/.test(value)) {
      const [median, spread] = value.split("~");
      directives.latencyMs = Number(median);
      if (spread !== undefined) directives.latencySpread = Number(spread);
    } else if (name === "malformed") directives.malformed = value === "result" ? "result" : "submit";
    else if (name === "output" && OUTPUT_SHAPES.includes(value as OutputShape)) directives.output = value as OutputShape;
    else if (name === "v1" && (value === "bytes" || value === "json")) directives.v1 = value;
    else if (name === "typo") directives.typo = true;
    else if (name === "notext") directives.noText = true;
    else if (name === "offbrand") directives.offBrand = true;
    else if (name === "textzone" && value === "bottom") directives.textZone = "bottom";
  }
  return directives;
}

/** A log-normal draw around `median` (Box–Muller), so latencies line up with no poll interval. */
export function drawLatency(median: number, sigma: number, random: () => number = Math.random): number {
  if (!sigma) return median;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(median * Math.exp(sigma * normal));
}

const STATUS_ERRORS: Record<number, string> = {
  400: "Bad Request: invalid parameters or request format",
  401: "Unauthorized: missing or invalid API key",
  403: "Forbidden: insufficient permissions",
  404: "Not Found: model or endpoint not found",
  406: "Insufficient credits: not enough credits to process request",
  429: "Rate limit exceeded: too many requests",
  500: "Internal server error",
  502: "Bad Gateway: service temporarily unavailable",
  504: "Gateway Timeout: request timed out",
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const settings = {
    apiKeys: options.apiKeys ?? [],
    credits: options.credits ?? 100,
    rpm: options.rpm ?? 120,
    latencyMs: options.latencyMs ?? 3000,
    latencySpread: options.latencySpread ?? 0,
    retentionMs: options.retentionMs ?? 60 * 60 * 1000,
    outputShape: options.outputShape ?? "url",
    v1Response: options.v1Response ?? "bytes",
    failureRate: options.failureRate ?? 0,
    submitErrorRate: options.submitErrorRate ?? 0,
    pollErrorRate: options.pollErrorRate ?? 0,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
  };
  const jobs = new Map<string, Job>();
  const files = new Map<string, StoredFile>();
  const balances = new Map<string, number>();
  const windows = new Map<string, number[]>();
  const requests: SimulatorRequestLog[] = [];
  let publicUrl = options.publicUrl ?? "";

  const balanceOf = (key: string) => balances.get(key) ?? settings.credits;

  function sweep(now: number) {
    for (const [id, job] of jobs) if (now > job.createdAt + job.latencyMs + settings.retentionMs) jobs.delete(id);
    for (const [name, file] of files) if (file.expiresAt !== undefined && now > file.expiresAt) files.delete(name);
  }

  function stateOf(job: Job, now: number): "QUEUED" | "PROCESSING" | "DUE" {
    const elapsed = now - job.createdAt;
    if (elapsed < job.latencyMs * 0.25) return "QUEUED";
    if (elapsed < job.latencyMs) return "PROCESSING";
    return "DUE";
  }

  async function settle(job: Job): Promise<{ failed: string } | { output: RenderedOutput }> {
    if (job.failure) return { failed: job.failure };
    const prepared = await job.prepared;
    if ("error" in prepared) return { failed: prepared.error };
    job.rendered ??= renderFor(job, prepared.references);
    return { output: await job.rendered };
  }

  async function renderFor(job: Job, references: Buffer[]): Promise<RenderedOutput> {
    const p = job.payload;
    let ratio: FixedAspectRatio = p.aspect_ratio === "auto" ? "1:1" : p.aspect_ratio;
    if (p.aspect_ratio === "auto" && references[0]) {
      // "auto" follows the first reference's shape, as the model does when editing.
      const meta = await sharp(references[0])
        .metadata()
        .catch(() => undefined);
      if (meta?.width && meta.height) ratio = closestAspectRatio(meta.width, meta.height);
    }
    const { width, height } = outputSize(ratio, p.output_resolution);
    const { prompt, seed, aspect_ratio, output_resolution, output_format, image_urls: _urls, ...rest } = p;
    const bytes = await renderImage({
      model: job.model,
      prompt,
      seed,
      aspectRatio: aspect_ratio,
      resolution: output_resolution,
      width,
      height,
      format: output_format,
      params: rest,
      references,
      copy: copyToDraw(prompt),
      palette: paletteToPaint(prompt),
    });
    const contentType = output_format === "png" ? "image/png" : "image/jpeg";
    const fileName = `${job.id}.${extensionFor(contentType)}`;
    files.set(fileName, { bytes, contentType, expiresAt: job.createdAt + job.latencyMs + settings.retentionMs });
    const text =
      p.response_modalities === "TEXT_AND_IMAGE"
        ? `Here is a ${aspect_ratio} image at ${output_resolution} (seed ${seed}) for: "${truncate(prompt, 120)}".`
        : undefined;
    return { fileName, bytes, contentType, width, height, text };
  }

  async function fetchReferences(urls: string[]): Promise<{ references: Buffer[] } | { error: string }> {
    const references: Buffer[] = [];
    for (const [i, url] of urls.entries()) {
      const own = ownFile(url);
      if (own) {
        references.push(own.bytes);
        continue;
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (!response.ok || !sniffImageType(bytes)) throw new Error(`HTTP ${response.status}`);
        references.push(bytes);
      } catch {
        return { error: `Could not fetch reference image ${i + 1} (${url}).` };
      }
    }
    return { references };
  }

  function ownFile(url: string): StoredFile | undefined {
    if (!publicUrl || !url.startsWith(`${publicUrl}/`)) return undefined;
    const path = url.slice(publicUrl.length);
    const match = /^\/(?:files|assets)\/([\w.-]+)$/.exec(path);
    return match ? files.get(match[1]!) : undefined;
  }

  /** A FAILED body: the error where the directive puts it, and metrics, as on every final answer. */
  function failedBody(job: Job, failure: string): Record<string, unknown> {
    const metrics = { inference_time: round(job.latencyMs / 1000) };
    if (job.directives.blocked && job.directives.blockedAs === "code")
      return { status: "FAILED", request_id: job.id, error: "CONTENT_POLICY_VIOLATION", metrics };
    if (job.directives.blocked && job.directives.blockedAs === "detail")
      return { status: "FAILED", request_id: job.id, error: null, error_detail: "content_policy_violation: the prompt was flagged", metrics };
    return { status: "FAILED", request_id: job.id, error: failure, metrics };
  }

  function outputBody(job: Job, output: RenderedOutput): Record<string, unknown> {
    const url = `${publicUrl}/files/${output.fileName}`;
    const shape = job.outputShape;
    const body: Record<string, unknown> = {
      status: "COMPLETED",
      request_id: job.id,
      metrics: { inference_time: round(job.latencyMs / 1000), queue_time: round((job.latencyMs * 0.25) / 1000) },
    };
    // As real answers do: a COMPLETED body says it has no error.
    body.error = null;
    if (shape === "url") body.output = url;
    else if (shape === "urls") body.output = [url];
    else if (shape === "json-string") body.output = JSON.stringify({ images: [{ url }] });
    else if (shape === "images") body.output = { images: [{ url, content_type: output.contentType, width: output.width, height: output.height }] };
    else body.output = output.bytes.toString("base64");
    if (output.text) {
      if (shape === "images") (body.output as Record<string, unknown>).text = output.text;
      else body.text = output.text;
    }
    return body;
  }

  function checkRateLimit(key: string, now: number): { ok: true } | { ok: false; resetAt: number } {
    if (settings.rpm <= 0) return { ok: true };
    const window = (windows.get(key) ?? []).filter((t) => t > now - 60_000);
    windows.set(key, window);
    if (window.length >= settings.rpm) return { ok: false, resetAt: window[0]! + 60_000 };
    window.push(now);
    return { ok: true };
  }

  function headersFor(key: string): Record<string, string> {
    return { "x-remaining-credits": balanceOf(key).toFixed(4) };
  }

  /** The checks every generation POST passes, in Segmind's order. Answers the error itself, or the job. */
  async function admit(req: IncomingMessage, res: ServerResponse, key: string, model: string, log: SimulatorRequestLog): Promise<{ job: Job } | undefined> {
    const now = Date.now();
    const limit = checkRateLimit(key, now);
    if (!limit.ok) {
      sendJson(res, 429, { error: STATUS_ERRORS[429] }, { "x-rate-limit-reset-at-utc": new Date(limit.resetAt).toISOString() });
      return undefined;
    }
    if (!isModelId(model)) {
      sendJson(res, 404, { error: `Model '${model}' not found` });
      return undefined;
    }
    log.model = model;
    const raw = await readJson(req, settings.maxUploadBytes);
    if (raw === undefined) {
      sendJson(res, 400, { error: "Request body must be a JSON object" });
      return undefined;
    }
    if (raw && typeof raw === "object" && typeof (raw as { prompt?: unknown }).prompt === "string") {
      log.prompt = (raw as { prompt: string }).prompt;
    }
    const parsed = segmindPayloadSchemas[model].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const message =
        issue.code === "unrecognized_keys"
          ? `Invalid parameter '${issue.keys.join(", ")}': not a parameter of ${model}`
          : `Invalid parameter '${issue.path.join(".") || "body"}': ${issue.message}`;
      sendJson(res, 400, { error: message });
      return undefined;
    }
    const payload = parsed.data;
    log.imageUrls = payload.image_urls;
    const directives = parseDirectives(payload.prompt);
    const forcedStatus = directives.status ?? (Math.random() < settings.submitErrorRate ? pick([500, 502, 504]) : undefined);
    if (forcedStatus && forcedStatus !== 200) {
      const extra = forcedStatus === 429 ? { "x-rate-limit-reset-at-utc": new Date(now + 30_000).toISOString() } : ({} as Record<string, string>);
      sendJson(res, forcedStatus, { error: STATUS_ERRORS[forcedStatus] ?? `HTTP ${forcedStatus}` }, extra);
      return undefined;
    }
    const price = estimatedPriceUsd(model, payload.output_resolution);
    if (balanceOf(key) < price) {
      sendJson(res, 406, { error: `${STATUS_ERRORS[406]} (balance $${balanceOf(key).toFixed(2)}, needs $${price.toFixed(3)})` }, headersFor(key));
      return undefined;
    }
    balances.set(key, round(balanceOf(key) - price, 6));

    const failure = directives.blocked
      ? "Content blocked: the request was flagged by the safety filter (RAI). Try a different prompt."
      : directives.fail || Math.random() < settings.failureRate
        ? "Internal model error: the generation could not be completed."
        : undefined;
    const job: Job = {
      id: randomUUID(),
      apiKey: key,
      model,
      payload,
      directives,
      createdAt: now,
      // `[sim:latency=MS]` is exact; `[sim:latency=MS~SIGMA]` and the setting's spread draw around the median.
      latencyMs: drawLatency(
        directives.latencyMs ?? settings.latencyMs,
        directives.latencyMs !== undefined ? (directives.latencySpread ?? 0) : settings.latencySpread,
      ),
      failure,
      outputShape: directives.output ?? settings.outputShape,
      prepared: fetchReferences(payload.image_urls),
    };
    log.requestId = job.id;
    log.latencyMs = job.latencyMs;
    // Render while the job "runs", as the real service does: the latency covers the work, not more.
    if (!failure) {
      void job.prepared.then((prepared) => {
        if ("error" in prepared) return;
        job.rendered ??= renderFor(job, prepared.references);
        // A failed render is reported when the result is asked for; here it must not be an unhandled rejection.
        job.rendered.catch(() => undefined);
      });
    }
    return { job };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, log: SimulatorRequestLog): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    const now = Date.now();
    sweep(now);

    if (req.method === "GET" && (path === "/" || path === "/health")) return sendJson(res, 200, { ok: true, simulator: true });
    if (req.method === "GET" && path === "/__simulator/requests") return sendJson(res, 200, { requests });
    const fileMatch = /^\/(files|assets)\/([\w.-]+)$/.exec(path);
    if (req.method === "GET" && fileMatch) {
      const file = files.get(fileMatch[2]!);
      if (!file) return sendJson(res, 404, { error: "File not found or expired" });
      res.writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length, "cache-control": "public, max-age=3600" });
      res.end(file.bytes);
      return;
    }

    const key = String(req.headers["x-api-key"] ?? "").trim();
    if (!key || (settings.apiKeys.length > 0 && !settings.apiKeys.includes(key))) {
      return sendJson(res, 401, { error: STATUS_ERRORS[401] });
    }

    if (req.method === "GET" && path === "/v1/get-user-credits") {
      return sendJson(res, 200, { credits: balanceOf(key) }, headersFor(key));
    }
    // Test control (not a Segmind route): set this key's balance, e.g. to see a run refused for money.
    if (req.method === "POST" && path === "/__simulator/credits") {
      const body = (await readJson(req, 1024).catch(() => null)) as { credits?: unknown } | null;
      if (typeof body?.credits !== "number" || !Number.isFinite(body.credits) || body.credits < 0)
        return sendJson(res, 400, { error: "credits: a number ≥ 0" });
      balances.set(key, body.credits);
      return sendJson(res, 200, { credits: body.credits }, headersFor(key));
    }

    if (req.method === "POST" && path === "/upload-asset") {
      const limit = checkRateLimit(key, now);
      if (!limit.ok) {
        return sendJson(res, 429, { error: STATUS_ERRORS[429] }, { "x-rate-limit-reset-at-utc": new Date(limit.resetAt).toISOString() });
      }
      const body = await readJson(req, settings.maxUploadBytes * 15);
      const dataUrls = (body as { data_urls?: unknown } | undefined)?.data_urls;
      if (!Array.isArray(dataUrls) || dataUrls.length === 0 || !dataUrls.every((d) => typeof d === "string")) {
        return sendJson(res, 400, { error: "Invalid parameter 'data_urls': a non-empty list of data URLs is required" });
      }
      const urls: string[] = [];
      for (const [i, dataUrl] of dataUrls.entries()) {
        const match = /^data:image\/[\w.+-]+;base64,(.+)$/s.exec(dataUrl);
        const bytes = match ? Buffer.from(match[1]!, "base64") : undefined;
        const type = bytes ? sniffImageType(bytes) : null;
        if (!bytes || !type) return sendJson(res, 400, { error: `Invalid parameter 'data_urls[${i}]': not an image data URL` });
        if (bytes.length > settings.maxUploadBytes) return sendJson(res, 400, { error: `Invalid parameter 'data_urls[${i}]': file too large` });
        const name = `${randomUUID()}.${extensionFor(type)}`;
        files.set(name, { bytes, contentType: type });
        urls.push(`${publicUrl}/assets/${name}`);
      }
      return sendJson(res, 200, { file_urls: urls });
    }

    const submit = /^\/(v1|v2)\/([\w.-]+)$/.exec(path);
    if (req.method === "POST" && submit) {
      const [, version, model] = submit as unknown as [string, "v1" | "v2", string];
      const admitted = await admit(req, res, key, model, log);
      if (!admitted) return;
      const { job } = admitted;
      if (version === "v2") {
        jobs.set(job.id, job);
        if (job.directives.malformed === "submit") {
          res.writeHead(200, { "content-type": "application/json", ...headersFor(key) });
          res.end('{"request_id": "' + job.id.slice(0, 8) + '", "status": QUEUED <html>');
          return;
        }
        return sendJson(
          res,
          200,
          {
            request_id: job.id,
            status: "QUEUED",
            status_url: `${publicUrl}/v2/requests/${job.id}/status`,
            // Some answers name the status URL poll_url as well.
            poll_url: `${publicUrl}/v2/requests/${job.id}/status`,
            response_url: `${publicUrl}/v2/requests/${job.id}`,
          },
          headersFor(key),
        );
      }
      // v1 holds the connection for the whole generation, then answers the image itself.
      await sleep(job.latencyMs);
      if (job.directives.malformed) {
        res.writeHead(200, { "content-type": "application/json", ...headersFor(key) });
        res.end("<html><body>upstream garbled</body");
        return;
      }
      const outcome = await settle(job);
      if ("failed" in outcome) return sendJson(res, 422, failedBody(job, outcome.failed), headersFor(key));
      const v1 = job.directives.v1 ?? settings.v1Response;
      if (v1 === "json") return sendJson(res, 200, outputBody(job, outcome.output), headersFor(key));
      res.writeHead(200, { "content-type": outcome.output.contentType, "content-length": outcome.output.bytes.length, ...headersFor(key) });
      res.end(outcome.output.bytes);
      return;
    }

    const poll = /^\/v2\/requests\/([\w-]+)(\/status)?$/.exec(path);
    if (req.method === "GET" && poll) {
      const [, id, statusOnly] = poll;
      log.requestId = id;
      const job = jobs.get(id!);
      if (!job || job.apiKey !== key) return sendJson(res, 404, { error: "Request not found or expired" });
      if (Math.random() < settings.pollErrorRate) return sendJson(res, 502, { error: STATUS_ERRORS[502] });
      if (job.directives.malformed === "result") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status": "COMPL');
        return;
      }
      const state = stateOf(job, now);
      if (state !== "DUE") {
        return sendJson(res, 200, { status: state, request_id: job.id, metrics: { queue_time: round((now - job.createdAt) / 1000) } });
      }
      const outcome = await settle(job);
      if ("failed" in outcome) return sendJson(res, 422, failedBody(job, outcome.failed));
      if (statusOnly) {
        return sendJson(res, 200, { status: "COMPLETED", request_id: job.id, metrics: { inference_time: round(job.latencyMs / 1000) } });
      }
      return sendJson(res, 200, outputBody(job, outcome.output), headersFor(key));
    }

    return sendJson(res, 404, { error: "Not Found: model or endpoint not found" });
  }

  const server = createServer((req, res) => {
    const log: SimulatorRequestLog = { at: Date.now(), method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0]!, status: 0 };
    // Logged on arrival, so a request whose caller gave up still counts; the status fills in when answered.
    if (log.path !== "/__simulator/requests") {
      requests.push(log);
      if (requests.length > 5000) requests.splice(0, requests.length - 5000);
    }
    res.on("finish", () => {
      log.status = res.statusCode;
    });
    res.on("close", () => {
      log.endedAt = Date.now();
    });
    handle(req, res, log).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `Internal server error: ${error instanceof Error ? error.message : String(error)}` });
      else res.destroy();
    });
  });
  // v1 calls hold a connection for the whole generation.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;
  publicUrl ||= url;

  return {
    url,
    server,
    requests,
    creditsOf: balanceOf,
    setCredits: (key, dollars) => balances.set(key, dollars),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function truncate(value: string, length: number): string {
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

function pick<T>(values: T[]): T {
  return values[Math.floor(Math.random() * values.length)]!;
}
