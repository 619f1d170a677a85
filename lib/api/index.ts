import "server-only";
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { isStorageUnavailable, type OpenedObject } from "../storage";
import { actorForAccessToken } from "./access-tokens";
import { currentActor } from "../auth";
import { refusal, type Actor } from "../workspaces/actor";
import type { Capability } from "../workspaces";
import { isDatabaseUnavailable } from "../db/errors";
import { findUnstorableText } from "../validation";

export function jsonError(status: number, error: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A 403 naming who may, when the actor's role does not allow `capability`; null when it does. */
export function roleRefusal(actor: Actor, capability: Capability): Response | null {
  const sentence = refusal(actor, capability);
  return sentence ? jsonError(403, sentence) : null;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const BODY_TYPES = { json: "application/json", multipart: "multipart/form-data" } as const;
type BodyKind = keyof typeof BODY_TYPES;

/**
 * A cookie rides along on requests from any page of the same *site* (another port, a sibling subdomain:
 * SameSite=Lax does not tell them apart), and such a page can send text/plain or a form without asking.
 * So a cookie-authenticated change must come from our own origin and with the body type we expect, which
 * a cross-origin page cannot send without a CORS preflight we never grant. Bearer tokens are not ambient
 * credentials and are not checked here.
 */
function crossOriginRefusal(request: Request, body: BodyKind | undefined): Response | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const sameOrigin = origin ? origin === `${proto}://${host}` : site === "same-origin";
  if (!sameOrigin || (site && site !== "same-origin")) {
    return jsonError(
      403,
      "Cross-origin request refused: with a session cookie, changes come only from the studio's own pages. Scripts use an access token (Authorization: Bearer).",
    );
  }
  if (body && !(request.headers.get("content-type") ?? "").toLowerCase().startsWith(BODY_TYPES[body])) {
    return jsonError(415, `Send the body as ${BODY_TYPES[body]}.`);
  }
  return null;
}

/**
 * Every API route passes through here: a session (the browser, in its active workspace) or a personal access
 * token (`Authorization: Bearer nst_…`, for scripts, in the token's workspace); neither, no answer. Either way
 * the role is read now. `body` names what a change must send. A database that cannot be reached is a 503
 * with a retry hint, not an empty 500.
 */
export function withActor<C>(handler: (request: Request, actor: Actor, context: C) => Promise<Response>, options: { body?: BodyKind } = {}) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const actor = bearer ? await actorForAccessToken(bearer) : await currentActor();
      if (!actor)
        return jsonError(401, bearer ? "This access token is not valid: it was revoked, or its user is no longer in its workspace." : "Sign in first.");
      if (!bearer && UNSAFE_METHODS.has(request.method)) {
        const refusal = crossOriginRefusal(request, options.body);
        if (refusal) return refusal;
      }
      return await handler(request, actor, context);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        return jsonError(503, "The studio's database cannot be reached right now. Nothing was changed; try again in a few seconds.", { "retry-after": "5" });
      }
      if (isStorageUnavailable(error)) {
        console.error(error.message);
        return jsonError(503, "The studio's file storage cannot be reached right now. Nothing was changed; try again in a few seconds.", {
          "retry-after": "5",
        });
      }
      throw error;
    }
  };
}

/** A CSV download (an export for a spreadsheet), never cached. */
export function csvResponse(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}

/** A stored file, private to its owner: never cached by shared caches, never sniffed as something else. */
/** A stored file as the response body: streamed from storage when opened, so an original is never held whole. */
export function fileResponse(
  file: Buffer | OpenedObject,
  contentType: string,
  download?: string,
  cacheControl = "private, max-age=31536000, immutable",
): Response {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "content-length": String(Buffer.isBuffer(file) ? file.length : file.size),
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
  };
  if (download) headers["content-disposition"] = `attachment; filename="${download.replace(/[^\w.-]/g, "_")}"`;
  const body = Buffer.isBuffer(file) ? new Uint8Array(file) : (Readable.toWeb(file.body) as ReadableStream<Uint8Array>);
  return new Response(body, { headers });
}

/**
 * The request body, counted as it arrives: a body over `limit` bytes is refused whether or not it declared
 * its length (a chunked body has none), and is never held in memory whole.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Buffer | "too-large"> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return "too-large";
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const MAX_RECIPE_BYTES = 256 * 1024;

/** A recipe sent as JSON: a small object, or an answer that says what is wrong with it. */
export async function readRecipeBody(request: Request): Promise<{ body: Record<string, unknown> } | { error: Response }> {
  const bytes = await readLimitedBody(request, MAX_RECIPE_BYTES);
  if (bytes === "too-large") return { error: jsonError(413, `The recipe is too large (over ${MAX_RECIPE_BYTES / 1024} KB).`) };
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch {
    return { error: jsonError(400, "Send the recipe as a JSON object.") };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return { error: jsonError(400, "Send the recipe as a JSON object.") };
  const unstorable = findUnstorableText(body);
  if (unstorable)
    return {
      error: jsonError(400, `${unstorable} contains a character that cannot be stored (a NUL or a broken Unicode character). Remove it and try again.`),
    };
  return { body: withRecipeAliases(body as Record<string, unknown>) };
}

/**
 * The API's camelCase names for recipe fields (`brandKitId`, as the docs spell it) under the recipe's own names —
 * on the body, and on a grid's `template`, which is a recipe too.
 */
function withRecipeAliases(body: Record<string, unknown>): Record<string, unknown> {
  const aliases = { brandKitId: "brand_kit_id", brandKitVersion: "brand_kit_version" } as const;
  const out = { ...body };
  for (const [alias, name] of Object.entries(aliases)) {
    if (!Object.hasOwn(out, alias) || Object.hasOwn(out, name)) continue;
    out[name] = out[alias];
    delete out[alias];
  }
  const template = out.template;
  if (template && typeof template === "object" && !Array.isArray(template) && template !== body)
    out.template = withRecipeAliases(template as Record<string, unknown>);
  return out;
}
