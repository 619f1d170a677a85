/**
 * The part of the Auth.js setup the proxy needs: pages, session strategy and how a session carries our
 * user id. It touches no database, so it can run before every request.
 */
import type { NextAuthConfig } from "next-auth";

export const PUBLIC_PAGES = ["/sign-in", "/sign-up"];

export const authConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub && session.user) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
