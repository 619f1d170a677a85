/**
 * The storage contract, run against both backends: a local folder and a real S3-compatible server (s3rver on
 * loopback). Whatever the studio stores must come back byte for byte, stream or not, and a missing key must
 * read as missing rather than as an error.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalStorage, S3Storage, type ObjectStorage } from "@/lib/storage";
import { startS3Server, type S3Server } from "../s3-server";

let s3: S3Server;
let folder: string;
const backends: Record<string, () => ObjectStorage> = {
  local: () => new LocalStorage(folder),
  s3: () =>
    new S3Storage({
      bucket: s3.bucket,
      region: "us-east-1",
      endpoint: s3.endpoint,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      forcePathStyle: true,
    }),
};

beforeAll(async () => {
  s3 = await startS3Server();
  folder = mkdtempSync(path.join(tmpdir(), "nano-storage-"));
});
afterAll(async () => {
  await s3?.close();
  rmSync(folder, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe.each(Object.keys(backends))("%s storage", (name) => {
  const storage = () => backends[name]!();

  it("gives back what was put, byte for byte, whole and streamed", async () => {
    const bytes = randomBytes(200_000);
    await storage().put(`generations/u/${name}/0.png`, bytes, "image/png");
    expect(sha256((await storage().get(`generations/u/${name}/0.png`))!)).toBe(sha256(bytes));
    const opened = await storage().open(`generations/u/${name}/0.png`);
    expect(opened!.size).toBe(200_000);
    expect(sha256(await readAll(opened!.body))).toBe(sha256(bytes));
    expect(await storage().size(`generations/u/${name}/0.png`)).toBe(200_000);
  });

  it("stores a stream of unknown length larger than one multipart part without its framing", async () => {
    // 12 MB in 64 KB chunks: three multipart parts on S3; no length declared up front.
    const chunks = Array.from({ length: 192 }, () => randomBytes(64 * 1024));
    const whole = Buffer.concat(chunks);
    await storage().putStream(`uploads/${name}/big.bin`, Readable.from(chunks), { contentType: "application/octet-stream" });
    expect(await storage().size(`uploads/${name}/big.bin`)).toBe(whole.length);
    expect(sha256((await storage().get(`uploads/${name}/big.bin`))!)).toBe(sha256(whole));
  });

  it("reads a missing key as missing, for get, open and size", async () => {
    expect(await storage().get(`nothing/${name}/here.png`)).toBeNull();
    expect(await storage().open(`nothing/${name}/here.png`)).toBeNull();
    expect(await storage().size(`nothing/${name}/here.png`)).toBeNull();
  });

  it("replaces an object put twice and forgets a deleted one", async () => {
    await storage().put(`derived/${name}/a.json`, Buffer.from('{"v":1}'));
    await storage().put(`derived/${name}/a.json`, Buffer.from('{"v":2}'));
    expect(await text((await storage().open(`derived/${name}/a.json`))!.body)).toBe('{"v":2}');
    await storage().delete(`derived/${name}/a.json`);
    expect(await storage().get(`derived/${name}/a.json`)).toBeNull();
    await expect(storage().delete(`derived/${name}/a.json`)).resolves.toBeUndefined();
  });

  it("lists what is stored under a prefix with sizes", async () => {
    await storage().put(`listed/${name}/one.png`, Buffer.alloc(3));
    await storage().put(`listed/${name}/deep/two.webp`, Buffer.alloc(5));
    const listed: Record<string, number> = {};
    for await (const item of storage().list(`listed/${name}/`)) listed[item.key] = item.size;
    expect(listed).toEqual({ [`listed/${name}/one.png`]: 3, [`listed/${name}/deep/two.webp`]: 5 });
  });

  it("refuses a key that could reach outside its folder or bucket prefix", async () => {
    for (const key of ["../etc/passwd", "/abs/path.png", "a/../../b.png", "a b.png", "x.tmp"]) {
      await expect(storage().put(key, Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
      await expect(storage().get(key)).rejects.toThrow(/Invalid storage key/);
    }
  });

  it("answers the health check", async () => {
    await expect(storage().check()).resolves.toBeUndefined();
  });
});

it("leaves no temporary file behind when a local stream fails halfway", async () => {
  const failing = new Readable({
    read() {
      this.push(Buffer.alloc(1024));
      this.destroy(new Error("the upload was cut off"));
    },
  });
  await expect(new LocalStorage(folder).putStream("cut/off.png", failing)).rejects.toThrow("cut off");
  expect(await new LocalStorage(folder).get("cut/off.png")).toBeNull();
  expect(readdirSync(path.join(folder, "cut"))).toEqual([]);
});

it("a bucket that does not exist fails the health check with S3's own reason", async () => {
  const missing = new S3Storage({
    bucket: "no-such-bucket",
    region: "us-east-1",
    endpoint: s3.endpoint,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  });
  await expect(missing.check()).rejects.toThrow();
});

describe("npm run storage:migrate", () => {
  it("copies a local store into the bucket, verified; a second run skips what is there and repairs what differs", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "nano-migrate-"));
    const local = new LocalStorage(path.join(dataDir, "files"));
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`generations/m${i}/${i}.png`, randomBytes(1000 + i * 5000)]));
    for (const [key, bytes] of Object.entries(files)) await local.put(key, bytes);
    const bucket = backends.s3!() as S3Storage;
    // Asynchronously: the S3 server runs in this process and must keep answering while the command runs.
    const run = () =>
      promisify(execFile)("npx", ["tsx", "scripts/storage-migrate.ts"], { env: { ...process.env, DATA_DIR: dataDir, ...s3.env }, encoding: "utf8" });

    const first = await run(); // rejects on a non-zero exit
    expect(first.stderr).not.toMatch(/failed:/);
    expect(first.stdout).toMatch(/copied: 7 \(/);
    expect(first.stdout).toMatch(/already there: 0/);
    for (const [key, bytes] of Object.entries(files)) expect(sha256((await bucket.get(key))!)).toBe(sha256(bytes));

    // One object damaged in the bucket: the next run copies it again and only it.
    await bucket.put("generations/m3/3.png", Buffer.from("damaged"));
    const second = await run();
    expect(second.stdout).toMatch(/copied: 1 \(/);
    expect(second.stdout).toMatch(/already there: 6/);
    expect(sha256((await bucket.get("generations/m3/3.png"))!)).toBe(sha256(files["generations/m3/3.png"]!));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says what is missing when no bucket is configured", () => {
    const result = spawnSync("npx", ["tsx", "scripts/storage-migrate.ts"], { env: { ...process.env, S3_BUCKET: "" }, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Set S3_BUCKET/);
  });
});

it("a bucket that cannot be reached is reported as storage unavailable, naming the bucket, not as a missing file", async () => {
  const { isStorageUnavailable } = await import("@/lib/storage");
  const unreachable = new S3Storage({
    bucket: "studio-files",
    region: "us-east-1",
    // Nothing listens on port 9 of loopback: every request is refused.
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  });
  for (const attempt of [() => unreachable.get("a.png"), () => unreachable.open("a.png"), () => unreachable.put("a.png", Buffer.from("x"))]) {
    const failure = await attempt().catch((error: unknown) => error);
    expect(isStorageUnavailable(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/bucket studio-files\) could not be reached: connect ECONNREFUSED/);
  }
});
