import "server-only";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { users, type User } from "../db/schema";
import { safeText } from "../validation";
import { addPersonalWorkspace } from "../workspaces";

export const PASSWORD_RULE = { min: 8, max: 200, text: "At least 8 characters." } as const;

export const signUpSchema = z.object({
  name: safeText("name", z.string().trim().min(1, "Tell us your name.").max(80, "Keep the name under 80 characters.")),
  email: safeText("email", z.email("Enter a valid email address.").trim().toLowerCase().max(200)),
  password: safeText(
    "password",
    z.string().min(PASSWORD_RULE.min, "Use at least 8 characters.").max(PASSWORD_RULE.max, "Keep the password under 200 characters."),
  ),
  invite: z.string().trim().max(200).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: safeText("email", z.email("Enter a valid email address.").trim().toLowerCase().max(200)),
  password: safeText("password", z.string().min(1, "Enter your password.").max(200)),
});

export const changePasswordSchema = z.object({
  current: z.string().min(1, "Enter your current password.").max(PASSWORD_RULE.max),
  next: safeText(
    "The new password",
    z.string().min(PASSWORD_RULE.min, "Use at least 8 characters.").max(PASSWORD_RULE.max, "Keep the password under 200 characters."),
  ),
});

const BCRYPT_COST = 10;
// Compared against when the email is unknown, so the time taken tells nothing.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Yd8vZ1dRZbQv8i6N5m9ZpJ1YV5e6";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/**
 * Creates an account, or finds the email taken. The instance's first account becomes its admin: decided
 * under a lock, so two people signing up on a fresh install at once cannot both become admin.
 * For tests and the sign-up flow (lib/auth/signup.ts), which applies the sign-up policy first.
 */
export async function createUser(input: { name: string; email: string; password: string }): Promise<{ ok: true; user: User } | { ok: false; error: string }> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72061002)`);
    const [first] = await tx.select({ id: users.id }).from(users).limit(1);
    const [row] = await tx
      .insert(users)
      // Stamped after the lock, not at the transaction's start: the first account is the earliest one, even
      // when several sign-ups waited on the lock together.
      .values({ name: input.name, email: input.email.toLowerCase(), passwordHash, role: first ? "member" : "admin", createdAt: sql`clock_timestamp()` })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (row) await addPersonalWorkspace(tx, row.id);
    return row;
  });
  if (!user) return { ok: false, error: "An account with this email already exists." };
  return { ok: true, user };
}

/** The user whose password matches, or null. */
export async function verifyPassword(email: string, password: string): Promise<User | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  const valid = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user?.passwordHash && valid ? user : null;
}

/** Single sign-on users are matched by email and created on first sign-in. */
export async function upsertSsoUser(email: string, name: string): Promise<User> {
  const db = await getDb();
  const normalised = email.toLowerCase();
  const user = await db.transaction(async (tx) => {
    await tx.insert(users).values({ email: normalised, name }).onConflictDoNothing({ target: users.email });
    const [row] = await tx.select().from(users).where(eq(users.email, normalised)).limit(1);
    await addPersonalWorkspace(tx, row!.id);
    return row!;
  });
  return user;
}

export async function hasAnyUser(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

/** What every session is checked against on every request: still enabled, still the same session version. */
export async function sessionState(userId: string): Promise<Pick<User, "id" | "role" | "disabledAt" | "sessionVersion"> | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

/** Ends every session of the user (sign-out everywhere, a password change, an account disabled). */
export async function endSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function changePassword(
  userId: string,
  current: string,
  next: string,
): Promise<{ ok: true; email: string } | { ok: false; error: string; field: string }> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user?.passwordHash || !(await bcrypt.compare(current, user.passwordHash)))
    return { ok: false, field: "current", error: "That is not your current password." };
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(next), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  return { ok: true, email: user.email };
}
