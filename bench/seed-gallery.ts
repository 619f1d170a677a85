/**
 * Seeds one user with N finished generations (default 10,000) straight into a studio's database and
 * storage, for the gallery benchmarks and the gallery-at-scale test. Run it before the studio starts
 * (embedded PGlite allows one process per data folder):
 *
 *   DATA_DIR=… [DATABASE_URL=…] SEED_COUNT=10000 SEED_EMAIL=… SEED_PASSWORD=… \
 *     tsx --conditions=react-server bench/seed-gallery.ts
 *
 * Prompts are drawn from a small vocabulary with a fixed random sequence, so word counts are known: the
 * script prints `seeded: N` and `word <w>: <count>` lines for checks. Thumbnails are real simulator
 * renders made the way the studio makes them (512 px WebP), shared round-robin between rows.
 */
import { createHash, randomUUID } from "node:crypto";
import { makeThumbnail } from "../lib/images/thumbnail";
import { addPersonalWorkspace, personalWorkspaceId } from "../lib/workspaces";
import { openDatabase } from "../lib/db";
import { generations, images, users } from "../lib/db/schema";
import { LocalStorage } from "../lib/storage";
import { renderImage } from "../lib/segmind/simulator/render";
import bcrypt from "bcryptjs";
import path from "node:path";

const COUNT = Number(process.env.SEED_COUNT ?? 10_000);
const EMAIL = process.env.SEED_EMAIL ?? "gallery@example.com";
const PASSWORD = process.env.SEED_PASSWORD ?? "correct horse battery";
const DISTINCT_FILES = 24;

const SUBJECTS = [
  "sneaker",
  "coffee bag",
  "lemon soda can",
  "wristwatch",
  "headphones",
  "perfume bottle",
  "ceramic mug",
  "backpack",
  "sunglasses",
  "skincare jar",
];
const SETTINGS = [
  "on wet asphalt at night",
  "on a pastel background",
  "on a marble counter",
  "in a sunlit studio",
  "on a beach at dawn",
  "floating in mid-air",
  "on a linen tablecloth",
  "in a neon-lit alley",
];
const STYLES = ["product photography", "soft shadows", "35mm film look", "high contrast", "minimalist", "editorial lighting"];
const RATIOS = ["1:1", "16:9", "9:16", "4:5", "3:2"] as const;

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20261123);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
const { db, close } = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
const storage = new LocalStorage(path.join(dataDir, "files"));

const [user] = await db
  .insert(users)
  .values({ email: EMAIL, name: "Gallery Bench", passwordHash: await bcrypt.hash(PASSWORD, 10) })
  .onConflictDoUpdate({ target: users.email, set: { name: "Gallery Bench" } })
  .returning();
await addPersonalWorkspace(db, user!.id);

const files: { key: string; thumbKey: string; bytes: number; sha256: string }[] = [];
for (let i = 0; i < DISTINCT_FILES; i++) {
  const original = await renderImage({
    model: "nano-banana-2",
    prompt: `${SUBJECTS[i % SUBJECTS.length]} ${SETTINGS[i % SETTINGS.length]}`,
    seed: 1000 + i,
    aspectRatio: "1:1",
    resolution: "1K",
    width: 1024,
    height: 1024,
    format: "jpg",
    params: {},
    references: [],
  });
  const key = `seed/${i}.jpg`;
  const thumbKey = `seed/${i}.thumb.webp`;
  await storage.put(key, original);
  await storage.put(thumbKey, await makeThumbnail(original));
  files.push({ key, thumbKey, bytes: original.length, sha256: createHash("sha256").update(original).digest("hex") });
}

const wordCounts = new Map<string, number>();
const now = Date.now();
const CHUNK = 500;
for (let start = 0; start < COUNT; start += CHUNK) {
  const rows: (typeof generations.$inferInsert)[] = [];
  const imageRows = [];
  for (let i = start; i < Math.min(COUNT, start + CHUNK); i++) {
    const subject = pick(SUBJECTS);
    const prompt = `${subject} ${pick(SETTINGS)}, ${pick(STYLES)}`;
    for (const word of new Set(prompt.toLowerCase().match(/[a-z]+/g))) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    const aspectRatio = pick(RATIOS);
    const seed = Math.floor(random() * 2_147_483_647);
    const model = random() < 0.3 ? "nano-banana-2-lite" : "nano-banana-2";
    const id = randomUUID();
    // Spread over the last 90 days, newest last, so "newest first" is a real ordering.
    const createdAt = new Date(now - (COUNT - i) * ((90 * 86_400_000) / COUNT));
    rows.push({
      id,
      userId: user!.id,
      workspaceId: personalWorkspaceId(user!.id),
      model,
      transport: "v2",
      params: {
        prompt,
        seed,
        aspect_ratio: aspectRatio,
        output_format: "jpg",
        output_resolution: "1K",
        response_modalities: "IMAGE",
        safety_tolerance: 4,
        thinking_level: "minimal",
      },
      prompt,
      seed,
      aspectRatio,
      status: "completed" as const,
      estimatedCostUsd: 0.04,
      favorite: random() < 0.05,
      createdAt,
      completedAt: createdAt,
    });
    const file = files[i % files.length]!;
    imageRows.push({
      generationId: id,
      userId: user!.id,
      storageKey: file.key,
      thumbKey: file.thumbKey,
      contentType: "image/jpeg",
      width: 1024,
      height: 1024,
      bytes: file.bytes,
      sha256: file.sha256,
      createdAt,
    });
  }
  await db.insert(generations).values(rows);
  await db.insert(images).values(imageRows);
}
await close();
console.log(`seeded: ${COUNT}`);
for (const word of ["sneaker", "mug", "asphalt", "pastel"]) console.log(`word ${word}: ${wordCounts.get(word) ?? 0}`);
