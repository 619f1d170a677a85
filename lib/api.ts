import "server-only";
import { NextResponse } from "next/server";
import { userForAccessToken } from "./access-tokens";
import { currentUserId } from "./auth";

export function jsonError(status: number, error: string): NextResponse {
  return NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Every API route passes through here: a session (the browser) or a personal access token
 * (`Authorization: Bearer nst_…`, for scripts); neither, no answer.
 */
export function withUser<C>(handler: (request: Request, userId: string, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const userId = bearer ? await userForAccessToken(bearer) : await currentUserId();
    if (!userId) return jsonError(401, bearer ? "This access token is not valid or has been revoked." : "Sign in first.");
    return handler(request, userId, context);
  };
}

/** A stored file, private to its owner: never cached by shared caches, never sniffed as something else. */
export function fileResponse(bytes: Buffer, contentType: string, download?: string): Response {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "content-length": String(bytes.length),
    "cache-control": "private, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
  };
  if (download) headers["content-disposition"] = `attachment; filename="${download.replace(/[^\w.-]/g, "_")}"`;
  return new Response(new Uint8Array(bytes), { headers });
}

/** A recipe sent as JSON: a small object, or an answer that says what is wrong with it. */
export async function readRecipeBody(request: Request): Promise<{ body: Record<string, unknown> } | { error: Response }> {
  if (Number(request.headers.get("content-length") ?? 0) > 256 * 1024) return { error: jsonError(413, "The recipe is too large.") };
  const body: unknown = await request.json().catch(() => undefined);
  if (!body || typeof body !== "object" || Array.isArray(body)) return { error: jsonError(400, "Send the recipe as a JSON object.") };
  return { body: body as Record<string, unknown> };
}
