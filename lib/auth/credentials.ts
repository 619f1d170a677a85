import "server-only";
/**
 * The email-and-password check behind Auth.js's credentials provider. Reached by the sign-in form and, just
 * as well, by anyone posting to /api/auth/callback/credentials directly, so everything is enforced here.
 */
import { CredentialsSignin } from "next-auth";
import { attemptSucceeded, clientAddress, takeAttempt } from "./throttle";
import { signInSchema, verifyPassword } from "./users";

/** Too many failures: the form says how long to wait. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterSeconds} s.`);
  }
}

/** The right password for a disabled account (only then is this said: it reveals nothing to a guesser). */
export class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}

export async function authorizeCredentials(credentials: unknown, headers: Headers): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const client = clientAddress(headers);
  // Counted before the password is looked at, atomically: a burst of guesses cannot all be checked.
  const attempt = await takeAttempt(email, client);
  if (!attempt.allowed) throw new SignInThrottled(attempt.retryAfterSeconds);
  const user = await verifyPassword(email, password);
  if (!user) return null;
  await attemptSucceeded(email, client, attempt);
  if (user.disabledAt) throw new AccountDisabled();
  return { id: user.id, email: user.email, name: user.name };
}
