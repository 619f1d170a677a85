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
import { assertSafeKey, type ObjectStorage, type OpenedObject, type StoredObject } from "./types";

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL (MinIO, R2, …); unset for AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's own credential chain (instance role, AWS_* variables, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

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
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key), Body: bytes, ContentType: contentType }));
  }

  async putStream(key: string, body: Readable, contentType?: string): Promise<void> {
    // Multipart in 5 MB parts as the stream arrives; a stream of unknown length never sits whole in memory.
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: assertSafeKey(key), Body: body, ContentType: contentType } }).done();
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await missingAsNull(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    if (!response?.Body) return null;
    return Buffer.from(await response.Body.transformToByteArray());
  }

  async open(key: string): Promise<OpenedObject | null> {
    const response = await missingAsNull(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    if (!response?.Body) return null;
    return { body: response.Body as Readable, size: response.ContentLength ?? 0 };
  }

  async size(key: string): Promise<number | null> {
    const head = await missingAsNull(() => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) })));
    return head ? (head.ContentLength ?? 0) : null;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) }));
  }

  async *list(prefix = ""): AsyncIterable<StoredObject> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix || undefined })) {
      for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
    }
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

async function missingAsNull<T>(request: () => Promise<T>): Promise<T | null> {
  try {
    return await request();
  } catch (error) {
    const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (failure.name === "NoSuchKey" || failure.name === "NotFound" || failure.$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}
