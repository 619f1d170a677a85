import "server-only";
import { randomUUID } from "node:crypto";
/**
 * Where our copies of images live. Segmind keeps a result for one hour; we keep it for good.
 * A local folder by default; anything that implements `ObjectStorage` (an S3-compatible bucket, say) can
 * take its place without the rest of the code noticing.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { config } from "../config";

export interface ObjectStorage {
  readonly kind: string;
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /** Cheap liveness check for /api/health. */
  check(): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

export class LocalStorage implements ObjectStorage {
  readonly kind = "local";
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are made by us, but a key must never reach outside the root folder.
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written image under the final name.
    // Unique per write: two writers of one key in one process and millisecond must not share a temp file.
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await stat(this.root);
  }
}

let storage: ObjectStorage | undefined;
export function getStorage(): ObjectStorage {
  storage ??= new LocalStorage(path.join(config().dataDir, "files"));
  return storage;
}
