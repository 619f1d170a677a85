/**
 * `npm run storage:migrate`: copies the local store (DATA_DIR/files) into the S3 bucket named by the S3_*
 * variables. Resumable: an object already in the bucket with the same size and SHA-256 is skipped, so the
 * command can be stopped and run again. Every copy is read back from the bucket and its SHA-256 compared.
 * Prints counts; exits 1 when anything could not be copied or verified.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { LocalStorage } from "../lib/storage/local";
import { S3Storage } from "../lib/storage/s3";
import { readS3Settings } from "../lib/storage/s3-settings";

const PARALLEL = 4;

export interface MigrationReport {
  copied: number;
  alreadyThere: number;
  failed: { key: string; reason: string }[];
  bytes: number;
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

export async function migrateStorage(source: LocalStorage, target: S3Storage, log: (line: string) => void = () => undefined): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, alreadyThere: 0, failed: [], bytes: 0 };
  const items = source.list()[Symbol.asyncIterator]();
  let seen = 0;

  async function copyOne(key: string, size: number) {
    const local = await source.open(key);
    if (!local) return; // deleted since it was listed
    const sha256 = await sha256Of(local.body);
    const there = await target.head(key);
    if (there && there.size === size && there.sha256 === sha256) {
      report.alreadyThere++;
      return;
    }
    await target.putStream(key, (await source.open(key))!.body, { sha256 });
    const copy = await target.open(key);
    const back = copy ? await sha256Of(copy.body) : null;
    if (back !== sha256) throw new Error(back ? `SHA-256 differs after copying (${back.slice(0, 12)}… for ${sha256.slice(0, 12)}…)` : "missing after copying");
    report.copied++;
    report.bytes += size;
  }

  // A few copies at a time: the list is walked lazily, so a store of any size is never listed into memory.
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let next = await items.next(); !next.done; next = await items.next()) {
        const { key, size } = next.value;
        try {
          await copyOne(key, size);
        } catch (error) {
          report.failed.push({ key, reason: error instanceof Error ? error.message : String(error) });
        }
        if (++seen % 500 === 0) log(`… ${seen} objects looked at`);
      }
    }),
  );
  return report;
}

async function main() {
  const s3 = readS3Settings(process.env);
  if ("problems" in s3 || !s3.settings) {
    console.error(
      "problems" in s3
        ? `The S3 settings are invalid:\n${s3.problems.map((p) => `  - ${p}`).join("\n")}`
        : "Set S3_BUCKET (and S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY as needed) to the bucket to copy into.",
    );
    process.exit(2);
  }
  const folder = path.join(path.resolve(process.env.DATA_DIR || "./data"), "files");
  const target = new S3Storage(s3.settings);
  try {
    await target.check();
  } catch (error) {
    console.error(`The bucket ${s3.settings.bucket} cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  console.log(`Copying ${folder} into s3://${s3.settings.bucket}${s3.settings.endpoint ? ` at ${s3.settings.endpoint}` : ""} …`);
  const started = Date.now();
  const report = await migrateStorage(new LocalStorage(folder), target, console.log);
  for (const failure of report.failed) console.error(`  failed: ${failure.key}: ${failure.reason}`);
  console.log(
    `copied: ${report.copied} (${(report.bytes / 1e6).toFixed(1)} MB)\nalready there: ${report.alreadyThere}\nfailed: ${report.failed.length}\ntook: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (report.failed.length) {
    console.error("Run the command again to retry what failed; what was copied is skipped.");
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
