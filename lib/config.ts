import "server-only";
/**
 * The environment, validated once. A missing or malformed variable stops the server at start with a message
 * that names it, rather than failing later inside a request.
 */
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseSignupPolicy } from "./auth/signup-policy";
import { readS3Settings } from "./storage/s3-settings";
import { SEGMIND_BASE_URL, SEGMIND_STORAGE_URL, normaliseBaseUrl } from "./segmind/urls";

const optionalUrl = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ error: `${name} must be a URL` }).optional());

/** `a, b,c` → ["a", "b", "c"]; unset or empty → []. */
const commaList = (each: (value: string) => string = (v) => v) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => each(s.trim()))
        .filter(Boolean),
    );

const envSchema = z.object({
  DATA_DIR: z.string().trim().default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
        .optional(),
    ),
  AUTH_SECRET: z
    .string({ error: "AUTH_SECRET is missing: start the studio with `npm start`, which creates one" })
    .min(16, "AUTH_SECRET must be at least 16 characters"),
  SEGMIND_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  SEGMIND_BASE_URL: optionalUrl("SEGMIND_BASE_URL"),
  SEGMIND_STORAGE_URL: optionalUrl("SEGMIND_STORAGE_URL"),
  SIMULATOR_URL: optionalUrl("SIMULATOR_URL"),
  SEGMIND_ALLOWED_ORIGINS: commaList().pipe(z.array(z.url({ error: "SEGMIND_ALLOWED_ORIGINS must be a comma-separated list of URLs" }))),
  SEGMIND_IMAGE_HOSTS: commaList((v) => v.toLowerCase()).pipe(
    z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, "SEGMIND_IMAGE_HOSTS must be host names such as cdn.example.com or *.example.com")),
  ),
  NANO_BANANA_2_TRANSPORT: z.enum(["v2", "v1"], { error: "NANO_BANANA_2_TRANSPORT must be v2 or v1" }).default("v2"),
  POLL_INTERVAL_MS: z.coerce.number({ error: "POLL_INTERVAL_MS must be a number" }).int().min(200).default(1000),
  JOB_DEADLINE_MS: z.coerce
    .number({ error: "JOB_DEADLINE_MS must be a number" })
    .int()
    .min(10_000)
    .default(15 * 60 * 1000),
  WORKER_ENABLED: z.enum(["true", "false"], { error: "WORKER_ENABLED must be true or false" }).default("true"),
  WORKER_CONCURRENCY: z.coerce.number({ error: "WORKER_CONCURRENCY must be a number" }).int().min(1).default(16),
  INSTANCE_ID: z.string().trim().optional(),
  MAX_UPSTREAM_CONCURRENCY: z.coerce.number({ error: "MAX_UPSTREAM_CONCURRENCY must be a number" }).int().min(1).default(8),
  SEGMIND_REQUESTS_PER_MINUTE: z.coerce.number({ error: "SEGMIND_REQUESTS_PER_MINUTE must be a number" }).int().min(1).optional(),
  USER_MAX_CONCURRENT_JOBS: z.coerce.number({ error: "USER_MAX_CONCURRENT_JOBS must be a number" }).int().min(1).default(4),
  USER_MAX_SUBMITS_PER_MINUTE: z.coerce.number({ error: "USER_MAX_SUBMITS_PER_MINUTE must be a number" }).int().min(1).default(30),
  AUTH_OIDC_ISSUER: optionalUrl("AUTH_OIDC_ISSUER"),
  AUTH_OIDC_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  AUTH_OIDC_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  AUTH_OIDC_NAME: z.string().trim().default("Single sign-on"),
  SIGNUP: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .refine((v) => parseSignupPolicy(v) !== null, "SIGNUP must be open, invite or domains:example.com,example.org")
        .transform((v) => parseSignupPolicy(v)!)
        .optional(),
    ),
});

export type AppConfig = ReturnType<typeof loadConfig>;

function loadConfig() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new Error(`Nano Studio's configuration is invalid:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.AUTH_OIDC_ISSUER && (!env.AUTH_OIDC_ID || !env.AUTH_OIDC_SECRET)) {
    throw new Error("Nano Studio's configuration is invalid:\n  - AUTH_OIDC_ID and AUTH_OIDC_SECRET are required with AUTH_OIDC_ISSUER");
  }
  if (env.SEGMIND_API_KEY && env.SIMULATOR_URL) {
    // Silently preferring one would leave an operator believing the other is in use.
    throw new Error(
      "Nano Studio's configuration is invalid:\n  - SIMULATOR_URL is set together with SEGMIND_API_KEY. Unset SIMULATOR_URL to use Segmind, or unset SEGMIND_API_KEY to use the simulator (to point a keyed studio at a simulator, set SEGMIND_BASE_URL and SEGMIND_STORAGE_URL).",
    );
  }
  const s3 = readS3Settings(process.env);
  if ("problems" in s3) throw new Error(`Nano Studio's configuration is invalid:\n${s3.problems.map((p) => `  - ${p}`).join("\n")}`);
  const dataDir = path.resolve(env.DATA_DIR);
  const simulator = !env.SEGMIND_API_KEY;
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL,
    provider: simulator ? ("simulator" as const) : ("segmind" as const),
    segmind: {
      // Without a key the studio talks to its own simulator, which accepts any non-empty key.
      apiKey: env.SEGMIND_API_KEY ?? "simulator-key",
      // The SDK's form (…/v1) and the bare origin are the same API: the version is part of each path.
      baseUrl: normaliseBaseUrl(env.SEGMIND_BASE_URL ?? (simulator ? (env.SIMULATOR_URL ?? "http://127.0.0.1:4010") : SEGMIND_BASE_URL)),
      allowedOrigins: env.SEGMIND_ALLOWED_ORIGINS,
      // Unset: Segmind's own image hosts (the client's default).
      imageHosts: env.SEGMIND_IMAGE_HOSTS.length ? env.SEGMIND_IMAGE_HOSTS : undefined,
      storageUrl: env.SEGMIND_STORAGE_URL ?? (simulator ? (env.SIMULATOR_URL ?? "http://127.0.0.1:4010") : SEGMIND_STORAGE_URL),
    },
    defaultTransport: { "nano-banana-2": env.NANO_BANANA_2_TRANSPORT, "nano-banana-2-lite": "v2" } as const,
    pollIntervalMs: env.POLL_INTERVAL_MS,
    worker: {
      enabled: env.WORKER_ENABLED === "true",
      concurrency: env.WORKER_CONCURRENCY,
      instanceId: env.INSTANCE_ID || `${hostname()}:${process.pid}`,
    },
    limits: {
      upstreamConcurrency: env.MAX_UPSTREAM_CONCURRENCY,
      /** The key's generation and upload POSTs a minute, for the whole deployment; unset: Segmind's 429s alone pace us. */
      requestsPerMinute: env.SEGMIND_REQUESTS_PER_MINUTE,
      userConcurrentJobs: env.USER_MAX_CONCURRENT_JOBS,
      userSubmitsPerMinute: env.USER_MAX_SUBMITS_PER_MINUTE,
    },
    jobDeadlineMs: env.JOB_DEADLINE_MS,
    /** Set: every file lives in this bucket and none on local disk. */
    s3: s3.settings,
    /** Fixed by the environment; undefined leaves it to the admin page. */
    signupPolicy: env.SIGNUP,
    oidc: env.AUTH_OIDC_ISSUER
      ? { issuer: env.AUTH_OIDC_ISSUER, clientId: env.AUTH_OIDC_ID!, clientSecret: env.AUTH_OIDC_SECRET!, name: env.AUTH_OIDC_NAME }
      : undefined,
  };
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
