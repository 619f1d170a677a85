import "server-only";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db";
import { users, type User } from "../db/schema";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Keep the name under 80 characters."),
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(200),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Keep the password under 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(200),
  password: z.string().min(1, "Enter your password.").max(200),
});

const BCRYPT_COST = 10;

export async function createUser(input: SignUpInput): Promise<{ ok: true; user: User } | { ok: false; error: string }> {
  const db = await getDb();
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  const [user] = await db
    .insert(users)
    .values({ name: input.name, email: input.email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) return { ok: false, error: "An account with this email already exists. Sign in instead." };
  return { ok: true, user };
}

/** The user whose password matches, or null. Compares against a dummy hash when the email is unknown, so timing tells nothing. */
export async function verifyPassword(email: string, password: string): Promise<User | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  const hash = user?.passwordHash ?? "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Yd8vZ1dRZbQv8i6N5m9ZpJ1YV5e6";
  const valid = await bcrypt.compare(password, hash);
  return user?.passwordHash && valid ? user : null;
}

/** Single sign-on users are matched by email and created on first sign-in. */
export async function upsertSsoUser(email: string, name: string): Promise<User> {
  const db = await getDb();
  const normalised = email.toLowerCase();
  await db.insert(users).values({ email: normalised, name }).onConflictDoNothing({ target: users.email });
  const [user] = await db.select().from(users).where(eq(users.email, normalised)).limit(1);
  return user!;
}
