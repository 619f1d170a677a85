import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { redirect } from "next/navigation";
import { config } from "../config";
import { authConfig } from "./config";
import { clearFailures, isThrottled, recordFailure } from "./throttle";
import { signInSchema, upsertSsoUser, verifyPassword } from "./users";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        // Checked here too, not only in the sign-in action: the credentials endpoint can be called directly.
        if (await isThrottled(parsed.data.email)) return null;
        const user = await verifyPassword(parsed.data.email, parsed.data.password);
        if (!user) {
          await recordFailure(parsed.data.email);
          return null;
        }
        await clearFailures(parsed.data.email);
        return { id: user.id, email: user.email, name: user.name };
      },
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
    // A wrong password is an expected outcome, shown to the user; it is not a server error.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: providers(),
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user, account }) {
      // Single sign-on identities map onto our own user row, so every table keys on one id.
      if (account?.provider === "oidc" && token.email) {
        const own = await upsertSsoUser(token.email, token.name ?? token.email);
        token.sub = own.id;
      } else if (user?.id) {
        token.sub = user.id;
      }
      return token;
    },
  },
}));

/** The signed-in user's id, or null. For actions and routes, which answer 401 themselves. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<{ id: string; name: string; email: string }> {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return { id: session.user.id, name: session.user.name ?? "", email: session.user.email ?? "" };
}

export function oidcEnabled(): { name: string } | null {
  const oidc = config().oidc;
  return oidc ? { name: oidc.name } : null;
}
