/** The sign-up policy as text (`SIGNUP`, the admin page) and as data. Pure: the config module reads it. */
export type SignupPolicy = { kind: "open" } | { kind: "invite" } | { kind: "domains"; domains: string[] };

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `open`, `invite` or `domains:a.com,b.com`; null when the text is none of those. */
export function parseSignupPolicy(text: string): SignupPolicy | null {
  const value = text.trim().toLowerCase();
  if (value === "open" || value === "invite") return { kind: value };
  const match = /^domains:(.+)$/.exec(value);
  if (!match) return null;
  const domains = [
    ...new Set(
      match[1]!
        .split(",")
        .map((d) => d.trim().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
  if (domains.length === 0 || !domains.every((d) => DOMAIN.test(d))) return null;
  return { kind: "domains", domains };
}

export function formatSignupPolicy(policy: SignupPolicy): string {
  return policy.kind === "domains" ? `domains:${policy.domains.join(",")}` : policy.kind;
}
