import "server-only";
/**
 * Where our copies of images live. Segmind keeps a result for one hour; we keep it for good.
 * A local folder by default; an S3-compatible bucket when `S3_BUCKET` is set. Both implement `ObjectStorage`,
 * so the rest of the code never knows which one it is talking to.
 */
import path from "node:path";
import { config } from "../config";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { ObjectStorage } from "./types";

export type { ObjectStorage, OpenedObject, PutOptions, StoredObject } from "./types";
export { StorageUnavailableError, isStorageUnavailable } from "./types";
export { LocalStorage } from "./local";
export { S3Storage } from "./s3";

let storage: ObjectStorage | undefined;
export function getStorage(): ObjectStorage {
  storage ??= makeStorage();
  return storage;
}

function makeStorage(): ObjectStorage {
  const { dataDir, s3 } = config();
  return s3 ? new S3Storage(s3) : new LocalStorage(path.join(dataDir, "files"));
}
