import type { Readable } from "node:stream";

/** An object's bytes as a stream, for serving a file without holding it whole. */
export interface OpenedObject {
  body: Readable;
  size: number;
}

export interface StoredObject {
  key: string;
  size: number;
}

export interface PutOptions {
  contentType?: string;
  /** Recorded beside the object where the backend can (S3 metadata), so a later copy can be skipped safely. */
  sha256?: string;
}

export interface ObjectStorage {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Buffer, contentType?: string): Promise<void>;
  /** Stores a stream as it arrives (a migration, a large original), never holding it whole. */
  putStream(key: string, body: Readable, options?: PutOptions): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** The bytes as a stream with their size, or null when nothing is stored under the key. */
  open(key: string): Promise<OpenedObject | null>;
  /** The size, or null when nothing is stored under the key. */
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
  /** Every stored object under `prefix` (all when empty), in no promised order. */
  list(prefix?: string): AsyncIterable<StoredObject>;
  /** Cheap liveness check for /api/health. */
  check(): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

/** Keys are made by us, but one must never reach outside its folder or bucket prefix. */
export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes("..") || key.endsWith(".tmp")) throw new Error(`Invalid storage key: ${key}`);
  return key;
}

/**
 * The storage could not be reached or refused the request (anything but "no such key"): a passing outage, not
 * a missing file and not the caller's fault. Jobs wait it out; routes answer 503.
 */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
}

export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}
