import "server-only";
/**
 * Who may create an account, and so spend the operator's Segmind credits. The first account of an instance
 * becomes its admin; after that the policy decides:
 * - `open`: anyone who can reach the studio;
 * - `invite`: only with a single-use invite link from the admin (the default);
 * - `domains:example.com,example.org`: addresses at those domains (and invite links).
 * `SIGNUP` in the environment fixes the policy; otherwise the admin sets it on /admin.
 *
 * Sign-up answers the same whether or not the email was already registered: it never tells a stranger who
 * has an account here.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { config } from "../config";
import { getDb, type Db } from "../db";
import { instanceSettings, signupInvites, users, type SignupInvite } from "../db/schema";
import { isUuid } from "../ids";
import { formatSignupPolicy, parseSignupPolicy, type SignupPolicy } from "./signup-policy";
export type { SignupPolicy } from "./signup-policy";
import { hashPassword, type SignUpInput } from "./users";
import { addPersonalWorkspace } from "../workspaces";

export const DEFAULT_SIGNUP_POLICY: SignupPolicy = { kind: "invite" };

/** The policy in force, and whether the environment fixes it (then /admin shows it read-only). */
export async function signupPolicy(): Promise<{ policy: SignupPolicy; fromEnvironment: boolean }> {
  const fixed = config().signupPolicy;
  if (fixed) return { policy: fixed, fromEnvironment: true };
  const db = await getDb();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.id, 1)).limit(1);
  return { policy: (row && parseSignupPolicy(row.signupPolicy)) || DEFAULT_SIGNUP_POLICY, fromEnvironment: false };
}

export async function setSignupPolicy(policy: SignupPolicy): Promise<void> {
  const db = await getDb();
  const text = formatSignupPolicy(policy);
  await db
    .insert(instanceSettings)
    .values({ id: 1, signupPolicy: text })
    .onConflictDoUpdate({ target: instanceSettings.id, set: { signupPolicy: text, updatedAt: new Date() } });
}

// --- invite links ----------------------------------------------------------------------------------------

export const INVITE_DAYS = 7;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSignupInvite(adminId: string, note: string): Promise<{ token: string; invite: SignupInvite }> {
  const token = randomBytes(24).toString("base64url");
  const db = await getDb();
  const [invite] = await db
    .insert(signupInvites)
    .values({ tokenHash: hashToken(token), createdBy: adminId, note: note.slice(0, 80), expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) })
    .returning();
  return { token, invite: invite! };
}

export type InviteStatus = "open" | "used" | "revoked" | "expired";

export async function listSignupInvites(): Promise<(SignupInvite & { usedByEmail: string | null; status: InviteStatus })[]> {
  const db = await getDb();
  const rows = await db
    .select({ invite: signupInvites, usedByEmail: users.email })
    .from(signupInvites)
    .leftJoin(users, eq(users.id, signupInvites.usedBy))
    .orderBy(desc(signupInvites.createdAt))
    .limit(100);
  const now = Date.now();
  const status = (i: SignupInvite): InviteStatus => (i.usedAt ? "used" : i.revokedAt ? "revoked" : i.expiresAt.getTime() < now ? "expired" : "open");
  return rows.map((r) => ({ ...r.invite, usedByEmail: r.usedByEmail, status: status(r.invite) }));
}

export async function revokeSignupInvite(id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const db = await getDb();
  const rows = await db
    .update(signupInvites)
    .set({ revokedAt: new Date() })
    .where(and(eq(signupInvites.id, id), isNull(signupInvites.usedAt), isNull(signupInvites.revokedAt)))
    .returning({ id: signupInvites.id });
  return rows.length > 0;
}

/** An invite link that can still be used: not used, not revoked, not expired. */
export async function usableInvite(token: string, db?: Pick<Db, "select">): Promise<SignupInvite | null> {
  if (!/^[\w-]{16,100}$/.test(token)) return null;
  db ??= await getDb();
  const [row] = await db
    .select()
    .from(signupInvites)
    .where(
      and(
        eq(signupInvites.tokenHash, hashToken(token)),
        isNull(signupInvites.usedAt),
        isNull(signupInvites.revokedAt),
        gt(signupInvites.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row ?? null;
}

// --- registering -----------------------------------------------------------------------------------------

export type RegisterResult =
  /** Either a new account, or the email was taken: the caller answers both the same way. */
  { ok: true; created: boolean } | { ok: false; error: string; field?: "email" | "invite" };

export function policyRefusal(policy: SignupPolicy): string {
  return policy.kind === "domains"
    ? `Sign-up here is open to addresses at ${policy.domains.join(", ")}, or with an invite link from the studio's admin.`
    : "Sign-up here is by invitation: ask the studio's admin for an invite link.";
}

/**
 * Creates the account if the policy allows it. Policy, invite and "first account becomes admin" are decided
 * in one transaction under a lock, so neither two first sign-ups nor two uses of one invite can both win.
 * An invite is used up only when it creates an account.
 */
export async function registerUser(input: SignUpInput): Promise<RegisterResult> {
  const passwordHash = await hashPassword(input.password);
  const { policy } = await signupPolicy();
  const db = await getDb();
  return db.transaction(async (tx): Promise<RegisterResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(72061002)`);
    const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
    let inviteId: string | null = null;
    if (anyone) {
      if (input.invite) {
        const invite = await usableInvite(input.invite, tx);
        if (!invite)
          return { ok: false, field: "invite", error: "This invite link has expired, was revoked or was already used. Ask the studio's admin for a new one." };
        inviteId = invite.id;
      } else if (policy.kind === "invite" || (policy.kind === "domains" && !policy.domains.includes(input.email.split("@")[1] ?? ""))) {
        return { ok: false, field: "email", error: policyRefusal(policy) };
      }
    }
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash, role: anyone ? "member" : "admin" })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return { ok: true, created: false };
    await addPersonalWorkspace(tx, user.id);
    // Still unused: the lock above serialises every sign-up.
    if (inviteId) await tx.update(signupInvites).set({ usedAt: new Date(), usedBy: user.id }).where(eq(signupInvites.id, inviteId));
    return { ok: true, created: true };
  });
}
