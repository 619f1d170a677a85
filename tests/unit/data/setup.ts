/**
 * A real stack for data-layer tests: the Segmind simulator on a free loopback port, a fresh data folder,
 * and the database (PGlite in that folder, or PostgreSQL when DATABASE_URL is set). Test files mock
 * next-auth's session with `session` below (vi.mock must sit in the test file itself).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AspectRatio, ModelId } from "@/lib/segmind/catalog";
import type { RecipeParams } from "@/lib/segmind/schema";
import { startSimulator, type Simulator } from "@/lib/segmind/simulator/server";

/** Who the mocked session is: a user, and the workspace the switcher chose (their personal one if none). */
export const session = { userId: null as string | null, workspaceId: undefined as string | undefined };

/** The `@/lib/auth` a test file mocks: the session above, resolved to an actor the way the real one is. */
export async function authMock() {
  const { actorIn } = await import("@/lib/workspaces/actor");
  return {
    currentUserId: async () => session.userId,
    currentAdminId: async () => session.userId,
    currentActor: async () => (session.userId ? actorIn(session.userId, session.workspaceId) : null),
  };
}

/** A user in their personal workspace, as the data layer takes them. */
export function personal(user: { id: string }) {
  return { userId: user.id, workspaceId: user.id, role: "owner" as const };
}

export async function startStack(options: { latencyMs?: number } = {}): Promise<Simulator> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs ?? 150, rpm: 0 });
  process.env.SIMULATOR_URL = simulator.url;
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "nano-studio-test-"));
  process.env.AUTH_SECRET = "test-secret-test-secret-test-secret";
  process.env.POLL_INTERVAL_MS = "300";
  process.env.INSTANCE_ID = "vitest";
  delete process.env.SEGMIND_API_KEY;
  return simulator;
}

/** The stack with the job worker running, for tests that wait for images to be made and checked. */
export async function startWorkingStack(options: { latencyMs?: number } = {}): Promise<Simulator> {
  const simulator = await startStack(options);
  (await import("@/lib/jobs/worker")).startWorker();
  return simulator;
}

/** Stops what `startWorkingStack` started, the OCR pool included (its worker threads would keep the run alive). */
export async function stopWorkingStack(simulator: Simulator): Promise<void> {
  await (await import("@/lib/jobs/worker")).stopWorker();
  await (await import("@/lib/checks/ocr")).closeOcr();
  await simulator.close();
}

export async function newUser(name = "Tester") {
  const { createUser } = await import("@/lib/auth/users");
  const created = await createUser({ name, email: `${name.toLowerCase()}-${Date.now()}-${Math.random()}@example.com`, password: "long enough password" });
  if (!created.ok) throw new Error(created.error);
  return created.user;
}

/** Catches Next's redirect() and returns where it pointed. */
export async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    throw error;
  }
  throw new Error("expected a redirect");
}

/**
 * A finished generation with a real stored image, written straight to the database: for tests of what
 * happens after generation (gallery, boards, export, sharing) that need many images quickly.
 */
export async function seedImage(
  userId: string,
  recipe: {
    prompt: string;
    model?: ModelId;
    aspectRatio?: AspectRatio;
    seed?: number;
    format?: "jpg" | "png";
    createdAt?: Date;
    favorite?: boolean;
    /** A team workspace; the user's personal one otherwise. */
    workspaceId?: string;
  },
) {
  const { createHash } = await import("node:crypto");
  const sharp = (await import("sharp")).default;
  const { getDb } = await import("@/lib/db");
  const { generations, images } = await import("@/lib/db/schema");
  const { getStorage } = await import("@/lib/storage");
  const format = recipe.format ?? "jpg";
  const seed = recipe.seed ?? Math.floor(Math.random() * 1e9);
  const aspectRatio = recipe.aspectRatio ?? "1:1";
  const params: RecipeParams = {
    prompt: recipe.prompt,
    seed,
    aspect_ratio: aspectRatio,
    output_format: format,
    output_resolution: "1K",
    response_modalities: "IMAGE",
    safety_tolerance: 4,
    thinking_level: "minimal",
  };
  const db = await getDb();
  const [generation] = await db
    .insert(generations)
    .values({
      userId,
      workspaceId: recipe.workspaceId ?? userId, // the user's personal workspace unless told
      model: recipe.model ?? "nano-banana-2",
      transport: "v2",
      params,
      prompt: recipe.prompt,
      seed,
      aspectRatio,
      status: "completed",
      estimatedCostUsd: 0.04,
      favorite: recipe.favorite ?? false,
      createdAt: recipe.createdAt ?? new Date(),
      completedAt: new Date(),
    })
    .returning();
  const picture = sharp({ create: { width: 64, height: 64, channels: 3, background: { r: seed % 255, g: 120, b: 40 } } });
  const bytes = await (format === "png" ? picture.png() : picture.jpeg()).toBuffer();
  const key = `generations/${userId}/${generation!.id}/0.${format}`;
  await getStorage().put(key, bytes);
  await getStorage().put(`${key}.thumb.webp`, await sharp(bytes).webp().toBuffer());
  const [image] = await db
    .insert(images)
    .values({
      generationId: generation!.id,
      userId,
      storageKey: key,
      thumbKey: `${key}.thumb.webp`,
      contentType: format === "png" ? "image/png" : "image/jpeg",
      width: 64,
      height: 64,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    })
    .returning();
  return { generation: generation!, image: image!, bytes };
}

/** Every library action (favorites, boards, sharing, tokens, queue), from their per-resource modules. */
export async function libraryActions() {
  return {
    ...(await import("@/lib/actions/favorite-actions")),
    ...(await import("@/lib/actions/board-actions")),
    ...(await import("@/lib/actions/share-actions")),
    ...(await import("@/lib/actions/token-actions")),
    ...(await import("@/lib/actions/queue-actions")),
  };
}
