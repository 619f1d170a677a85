import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertSafeKey, type ObjectStorage, type OpenedObject, type StoredObject } from "./types";

/** A folder on this machine's disk: the default, and what a single studio needs. */
export class LocalStorage implements ObjectStorage {
  readonly kind = "local" as const;
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, assertSafeKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.writeThenRename(key, (temp) => writeFile(temp, bytes));
  }

  async putStream(key: string, body: Readable): Promise<void> {
    await this.writeThenRename(key, (temp) => pipeline(body, createWriteStream(temp)));
  }

  /** Write then rename, so a crash never leaves a half-written image under the final name. */
  private async writeThenRename(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Unique per write: two writers of one key in one process and millisecond must not share a temp file.
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await write(temp);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    return missingAsNull(() => readFile(this.pathOf(key)));
  }

  async open(key: string): Promise<OpenedObject | null> {
    const file = this.pathOf(key);
    const info = await missingAsNull(() => stat(file));
    return info ? { body: createReadStream(file), size: info.size } : null;
  }

  async size(key: string): Promise<number | null> {
    return (await missingAsNull(() => stat(this.pathOf(key))))?.size ?? null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(prefix = ""): AsyncIterable<StoredObject> {
    const entries = await missingAsNull(() => readdir(this.root, { recursive: true, withFileTypes: true }));
    for (const entry of entries ?? []) {
      if (!entry.isFile() || entry.name.endsWith(".tmp")) continue;
      const file = path.join(entry.parentPath, entry.name);
      const key = path.relative(this.root, file).split(path.sep).join("/");
      if (!key.startsWith(prefix)) continue;
      const info = await missingAsNull(() => stat(file));
      if (info) yield { key, size: info.size };
    }
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await stat(this.root);
  }
}

async function missingAsNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
