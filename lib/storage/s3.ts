import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import type { S3Settings } from "./s3-settings";
import { StorageUnavailableError, assertSafeKey, type ObjectStorage, type PutOptions, type OpenedObject, type StoredObject } from "./types";

// The SDK warns on every start that releases after January 2027 need Node 22; the version is pinned
// (package.json) for exactly that reason, so the warning says nothing an operator can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * An S3-compatible bucket. Objects are private: they are written without an ACL and read only by the studio,
 * which serves them through its own authorisation. Nothing image-like touches local disk in this mode.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // The SDK's default adds CRC checksums through aws-chunked framing, which several S3-compatible servers
      // store as part of the object (s3rver, older MinIO). TLS already guards the bytes in transit.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, bytes: Buffer, contentType?: string): Promise<void> {
    await this.reach(() => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key), Body: bytes, ContentType: contentType })));
  }

  async putStream(key: string, body: Readable, options: PutOptions = {}): Promise<void> {
    // Multipart in 5 MB parts as the stream arrives; a stream of unknown length never sits whole in memory.
    const params = { Bucket: this.bucket, Key: assertSafeKey(key), Body: body, ContentType: options.contentType };
    await this.reach(() => new Upload({ client: this.client, params: options.sha256 ? { ...params, Metadata: { sha256: options.sha256 } } : params }).done());
  }

  /** Size and, for objects written with one, the SHA-256 recorded beside them; null when missing. */
  async head(key: string): Promise<{ size: number; sha256?: string } | null> {
    const head = await this.missingAsNull(() => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    return head ? { size: head.ContentLength ?? 0, sha256: head.Metadata?.sha256 } : null;
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.missingAsNull(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    if (!response?.Body) return null;
    return Buffer.from(await response.Body.transformToByteArray());
  }

  async open(key: string): Promise<OpenedObject | null> {
    const response = await this.missingAsNull(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    if (!response?.Body) return null;
    return { body: response.Body as Readable, size: response.ContentLength ?? 0 };
  }

  async size(key: string): Promise<number | null> {
    return (await this.head(key))?.size ?? null;
  }

  async delete(key: string): Promise<void> {
    await this.reach(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
  }

  async *list(prefix = ""): AsyncIterable<StoredObject> {
    const pages = paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix || undefined });
    for (;;) {
      const page = await this.reach(() => pages.next());
      if (page.done) return;
      for (const item of page.value.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
    }
  }

  async check(): Promise<void> {
    await this.reach(() => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  /** Any failure to talk to the bucket as one error that says so (the SDK's own names its cause). */
  private async reach<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new StorageUnavailableError(
        `The file storage (bucket ${this.bucket}) could not be reached: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Like `reach`, but "no such key" is an answer: null. */
  private async missingAsNull<T>(request: () => Promise<T>): Promise<T | null> {
    try {
      return await request();
    } catch (error) {
      const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (failure.name === "NoSuchKey" || failure.name === "NotFound" || failure.$metadata?.httpStatusCode === 404) return null;
      return this.reach(() => Promise.reject(error));
    }
  }
}
