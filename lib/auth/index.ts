import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { config } from "../config";
import { authConfig } from "./config";
import { authorizeCredentials } from "./credentials";
import { sessionState, upsertSsoUser } from "./users";
import { actorIn, WORKSPACE_COOKIE, type Actor } from "../workspaces/actor";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "admin" | "member" } & DefaultSession["user"];
  }
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(credentials, request.headers),
    }),
  ];
  const oidc = config().oidc;
  if (oidc) {
    list.push({
      id: "oidc",
      name: oidc.name,
      type: "oidc",
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: process.env.AUTH_SECRET,
  logger: {
    // A wrong password or a throttled attempt is an expected outcome, shown to the user; not a server error.
    error(error) {
      if (error.name === "CredentialsSignin" || error.name === "SignInThrottled" || error.name === "AccountDisabled") return;
      console.error(error);
    },
  },
  providers: providers(),
  callbacks: {
    ...authConfig.callbacks,
    /**
     * Runs at sign-in and on every request that reads the session. A session lives only while its user is
     * enabled and its version is the user's current one: sign-out, a password change or disabling the account
     * ends every copy of the cookie at its next request.
     */
    async jwt({ token, user, account }) {
      const signingIn = Boolean(user);
      if (account?.provider === "oidc" && token.email) token.sub = (await upsertSsoUser(token.email, token.name ?? token.email)).id;
      else if (user?.id) token.sub = user.id;
      if (!token.sub) return null;
      const state = await sessionState(token.sub);
      if (!state || state.disabledAt) return null;
      if (signingIn) token.sv = state.sessionVersion;
      else if ((token.sv ?? 0) !== state.sessionVersion) return null;
      token.role = state.role;
      return token;
    },
    session({ session, token }) {
      if (token.sub && session.user) {
        session.user.id = token.sub;
        session.user.role = token.role === "admin" ? "admin" : "member";
      }
      return session;
    },
  },
}));

declare module "@auth/core/jwt" {
  interface JWT {
    /** The user's session version when this session was issued. */
    sv?: number;
    role?: "admin" | "member";
  }
}

/**
 * The session, checked against the database once per server render: a layout and its page both ask, and
 * the answer cannot change within one request. (Outside a render — routes, actions — each call checks.)
 */
const checkedSession = cache(() => auth());

/** The signed-in user's id, or null. For actions and routes, which answer 401 themselves. */
export async function currentUserId(): Promise<string | null> {
  const session = await checkedSession();
  return session?.user?.id ?? null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<{ id: string; name: string; email: string; role: "admin" | "member" }> {
  const session = await checkedSession();
  if (!session?.user?.id) redirect("/sign-in");
  return { id: session.user.id, name: session.user.name ?? "", email: session.user.email ?? "", role: session.user.role };
}

/**
 * The signed-in user in their active workspace (the switcher's cookie, if they are still a member there;
 * their personal workspace otherwise), with their role read now. Null when signed out.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const userId = await currentUserId();
  if (!userId) return null;
  return actorIn(userId, (await cookies()).get(WORKSPACE_COOKIE)?.value);
});

/** For pages: the signed-in user in their active workspace, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}

/** For the admin page: the instance admin, or not found (the page does not exist for anyone else). */
export async function requireAdmin() {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}

/** For admin actions: the admin's id, or null. The role is read from the database on every request. */
export async function currentAdminId(): Promise<string | null> {
  const session = await checkedSession();
  return session?.user?.role === "admin" ? session.user.id : null;
}

export function oidcEnabled(): { name: string } | null {
  const oidc = config().oidc;
  return oidc ? { name: oidc.name } : null;
}
