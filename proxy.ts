import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig, PUBLIC_PAGES } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

/**
 * A Content Security Policy that allows only what the app uses: its own scripts (Next's inline bootstrap
 * and our theme script carry a fresh nonce), its own images, fonts and API, and no framing at all.
 */
function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes (progress bars, aspect boxes) are inline styles; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withCsp(request: NextRequest, decide: () => NextResponse | undefined): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const response =
    decide() ??
    NextResponse.next({
      // Next reads the policy from the request to put the nonce on its own scripts; the layout reads x-nonce.
      request: { headers: new Headers([...request.headers.entries(), ["x-nonce", nonce], ["content-security-policy", csp]]) },
    });
  response.headers.set("content-security-policy", csp);
  return response;
}

/** Next's own limit for a server action's body (its `serverActions.bodySizeLimit` default). */
const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * Next.js refuses a server action posted from a foreign origin, or with too large a body, by throwing: the
 * caller sees a 500 with a digest. Answered here first, with the status that says what happened.
 */
function actionRefusal(req: NextRequest): NextResponse | undefined {
  if (req.method !== "POST" || !req.headers.has("next-action")) return undefined;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && origin !== "null") {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // an unparseable Origin is a foreign one
    }
    if (originHost !== host) return NextResponse.json({ error: "Cross-origin request refused." }, { status: 403 });
  } else if (origin === "null") {
    return NextResponse.json({ error: "Cross-origin request refused." }, { status: 403 });
  }
  if (Number(req.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) {
    return NextResponse.json({ error: "The request is too large (over 1 MB)." }, { status: 413 });
  }
  return undefined;
}

/**
 * Signed out, every page redirects to /sign-in and every API route answers 401. Actions and routes check
 * the session again themselves: this is the first gate, not the only one.
 */
export const proxy = auth((req) =>
  withCsp(req, () => {
    const refused = actionRefusal(req);
    if (refused) return refused;
    const path = req.nextUrl.pathname;
    const signedIn = Boolean(req.auth?.user);
    if (path.startsWith("/api/auth") || path === "/api/health") return undefined;
    // Shared pages are public by design: the token in the path is the only key, checked by the page itself.
    if (path.startsWith("/s/")) return undefined;
    // Scripts authenticate with a personal access token, which the route itself checks.
    if (path.startsWith("/api/") && /^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return undefined;
    // The pages themselves send a signed-in visitor on: only they can tell a revoked session (sign-out
    // elsewhere, a disabled account) from a live one, which the proxy's cookie check cannot.
    if (PUBLIC_PAGES.includes(path)) return undefined;
    if (signedIn) return undefined;
    if (path.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const signIn = new URL("/sign-in", req.nextUrl);
    if (path !== "/") signIn.searchParams.set("callbackUrl", `${path}${req.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }),
);

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
