import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, PUBLIC_PAGES } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

/**
 * Signed out, every page redirects to /sign-in and every API route answers 401. Actions and routes check
 * the session again themselves: this is the first gate, not the only one.
 */
export const proxy = auth((req) => {
  const path = req.nextUrl.pathname;
  const signedIn = Boolean(req.auth?.user);
  if (path.startsWith("/api/auth") || path === "/api/health") return NextResponse.next();
  if (PUBLIC_PAGES.includes(path)) {
    return signedIn ? NextResponse.redirect(new URL("/", req.nextUrl)) : NextResponse.next();
  }
  if (signedIn) return NextResponse.next();
  if (path.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const signIn = new URL("/sign-in", req.nextUrl);
  if (path !== "/") signIn.searchParams.set("callbackUrl", `${path}${req.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
