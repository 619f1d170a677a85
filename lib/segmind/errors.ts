/**
 * One error type for everything that can go wrong talking to Segmind. Each failure gets a machine code,
 * a message a marketer can act on, and whether trying again could help. No secret is ever put in here:
 * these messages reach the browser.
 */

export const SEGMIND_ERROR_CODES = [
  "bad_request", // 400
  "unauthorized", // 401
  "forbidden", // 403
  "not_found", // 404 on a model or endpoint
  "insufficient_credits", // 406
  "failed", // 422 FAILED job
  "content_blocked", // 422 FAILED because of a content / RAI block
  "rate_limited", // 429
  "server_error", // 500
  "bad_gateway", // 502
  "gateway_timeout", // 504
  "expired", // 404 on a request id: result past its 1 hour retention (or never existed)
  "timeout", // our own deadline passed
  "network", // no HTTP answer at all
  "malformed_response", // an answer we could not read
  "unexpected_status", // an HTTP status Segmind does not document
] as const;
export type SegmindErrorCode = (typeof SEGMIND_ERROR_CODES)[number];

const USER_MESSAGES: Record<SegmindErrorCode, string> = {
  bad_request: "Segmind rejected the request as invalid. Check the settings and try again.",
  unauthorized: "The studio's Segmind API key is missing or invalid. Ask an admin to check SEGMIND_API_KEY.",
  forbidden: "This Segmind account is not allowed to use this model. Ask an admin to check the account's permissions.",
  not_found: "Segmind does not know this model or endpoint. Ask an admin to check the configuration.",
  insufficient_credits: "The Segmind account is out of credits. Top up the account, then run again.",
  failed: "The generation failed at Segmind. Try again, or change the prompt.",
  content_blocked: "The image was blocked by the content safety filter. Rephrase the prompt or the references and try again.",
  rate_limited: "Segmind's rate limit was reached. Wait a moment and run again.",
  server_error: "Segmind had an internal error. Try again in a moment.",
  bad_gateway: "Segmind is temporarily unavailable. Try again in a moment.",
  gateway_timeout: "Segmind took too long to answer. Try again in a moment.",
  expired: "This result expired at Segmind (results are kept for one hour) before it could be saved.",
  timeout: "Segmind did not answer in time.",
  network: "Segmind could not be reached. Check the connection and try again.",
  malformed_response: "Segmind sent an answer the studio could not read.",
  unexpected_status: "Segmind answered in an unexpected way. Try again in a moment.",
};

export interface SegmindErrorOptions {
  status?: number;
  detail?: string;
  requestId?: string;
  resetAt?: Date;
  /**
   * Only for POSTs: true when the request may have been accepted (and charged) even though we got no
   * usable answer. Such a request must never be re-sent automatically: Segmind has no idempotency.
   */
  mayHaveBeenCharged?: boolean;
  retryable?: boolean;
  cause?: unknown;
}

export class SegmindError extends Error {
  readonly code: SegmindErrorCode;
  readonly status?: number;
  readonly detail?: string;
  readonly requestId?: string;
  readonly resetAt?: Date;
  readonly mayHaveBeenCharged: boolean;
  readonly retryable: boolean;

  constructor(code: SegmindErrorCode, options: SegmindErrorOptions = {}) {
    super(`Segmind ${code}${options.status ? ` (HTTP ${options.status})` : ""}${options.detail ? `: ${options.detail}` : ""}`, {
      cause: options.cause,
    });
    this.name = "SegmindError";
    this.code = code;
    this.status = options.status;
    this.detail = options.detail;
    this.requestId = options.requestId;
    this.resetAt = options.resetAt;
    this.mayHaveBeenCharged = options.mayHaveBeenCharged ?? false;
    this.retryable = options.retryable ?? DEFAULT_RETRYABLE.has(code);
  }

  /** What to tell the person who pressed Generate. */
  get userMessage(): string {
    return userMessageFor(this.code, { detail: this.detail, resetAt: this.resetAt, mayHaveBeenCharged: this.mayHaveBeenCharged });
  }
}

const DEFAULT_RETRYABLE = new Set<SegmindErrorCode>([
  "rate_limited",
  "server_error",
  "bad_gateway",
  "gateway_timeout",
  "timeout",
  "network",
  "malformed_response",
]);

export function userMessageFor(code: SegmindErrorCode, extra: { detail?: string; resetAt?: Date; mayHaveBeenCharged?: boolean } = {}): string {
  let message = USER_MESSAGES[code];
  if (code === "rate_limited" && extra.resetAt) {
    message = `Segmind's rate limit was reached. Run again after ${extra.resetAt.toISOString().slice(11, 19)} UTC.`;
  }
  if ((code === "failed" || code === "bad_request") && extra.detail) {
    message = `${message.replace(/\.$/, "")}: ${extra.detail}`;
  }
  if (extra.mayHaveBeenCharged) {
    message = `${message} The request may have reached Segmind and been charged, so it was not re-sent automatically; check the result before running it again.`;
  }
  return message;
}

export function isSegmindError(error: unknown): error is SegmindError {
  return error instanceof SegmindError;
}

const BLOCK_PATTERN = /\b(block(ed)?|safety|rai|prohibited|policy|moderation|content filter(ed)?|nsfw)\b/i;

/** A FAILED job's error text tells a content block apart from any other failure. */
export function failureCode(errorText: string | undefined): "content_blocked" | "failed" {
  // Codes such as CONTENT_POLICY_VIOLATION or content-filtered: underscores and hyphens separate words too.
  return errorText && BLOCK_PATTERN.test(errorText.replace(/[_-]+/g, " ")) ? "content_blocked" : "failed";
}

export function codeForStatus(status: number): SegmindErrorCode {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 406:
      return "insufficient_credits";
    case 422:
      return "failed";
    case 429:
      return "rate_limited";
    case 500:
      return "server_error";
    case 502:
      return "bad_gateway";
    case 504:
      return "gateway_timeout";
    default:
      return status >= 500 ? "server_error" : "unexpected_status";
  }
}
