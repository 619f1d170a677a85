import { z } from "zod";

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL (MinIO, R2, …); unset for AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's own credential chain (instance role, AWS_* variables, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

const text = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

const s3Env = z.object({
  S3_BUCKET: text,
  S3_ENDPOINT: text.pipe(z.url({ error: "S3_ENDPOINT must be a URL" }).optional()),
  S3_REGION: z.string().trim().default("us-east-1"),
  S3_ACCESS_KEY_ID: text,
  S3_SECRET_ACCESS_KEY: text,
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { error: "S3_FORCE_PATH_STYLE must be true or false" }).optional(),
});

/**
 * The bucket from `S3_*` variables: settings when `S3_BUCKET` is set, undefined settings when it is not (local
 * disk), or every problem in words. Shared by the studio's config and `npm run storage:migrate`.
 */
export function readS3Settings(env: Record<string, string | undefined>): { settings: S3Settings | undefined } | { problems: string[] } {
  const parsed = s3Env.safeParse(env);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const v = parsed.data;
  if (Boolean(v.S3_ACCESS_KEY_ID) !== Boolean(v.S3_SECRET_ACCESS_KEY)) {
    return { problems: ["S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together, or neither (the SDK's own credentials)"] };
  }
  if (!v.S3_BUCKET) return { settings: undefined };
  return {
    settings: {
      bucket: v.S3_BUCKET,
      region: v.S3_REGION,
      endpoint: v.S3_ENDPOINT,
      credentials: v.S3_ACCESS_KEY_ID ? { accessKeyId: v.S3_ACCESS_KEY_ID, secretAccessKey: v.S3_SECRET_ACCESS_KEY! } : undefined,
      // Most S3-compatible servers want path-style URLs; AWS itself prefers virtual hosts.
      forcePathStyle: v.S3_FORCE_PATH_STYLE ? v.S3_FORCE_PATH_STYLE === "true" : Boolean(v.S3_ENDPOINT),
    },
  };
}
