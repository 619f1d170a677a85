import "server-only";
/**
 * Reference images. Whatever arrives is checked by its bytes (not its name), capped in size and pixels,
 * and re-encoded, so what we store and send on is always a clean JPEG or PNG.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import sharp from "./sharp";
import { getDb, type Db } from "../db";
import { generations, images, uploads, type Upload } from "../db/schema";
import { sniffImageType } from "./image-type";
import { getStorage } from "../storage";
import { refusal, type Actor, type Scope } from "../workspaces/actor";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** About 40 megapixels: enough for any real photo, too small for a decompression bomb. */
export const MAX_UPLOAD_PIXELS = 40_000_000;

export type UploadResult = { ok: true; upload: Upload } | { ok: false; error: string; forbidden?: true };

export async function saveUpload(actor: Actor, fileName: string, bytes: Buffer): Promise<UploadResult> {
  const denied = refusal(actor, "generate");
  if (denied) return { ok: false, error: denied, forbidden: true };
  // A file name is the browser's to choose: anything PostgreSQL cannot store is dropped from it.
  const name =
    fileName
      .replace(/\u0000/g, "")
      .toWellFormed()
      .slice(0, 200) || "reference";
  if (bytes.length === 0) return { ok: false, error: `${name} is empty.` };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: `${name} is larger than 10 MB. Use a smaller image.` };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: `${name} is not a JPEG, PNG, WebP or GIF image.` };

  let encoded: { data: Buffer; info: { format: string; width: number; height: number } };
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_UPLOAD_PIXELS, animated: false }).rotate();
    const meta = await image.metadata();
    const keepPng = type === "image/png" || type === "image/gif" || meta.hasAlpha;
    encoded = await (keepPng ? image.png() : image.jpeg({ quality: 92 })).toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message =
      error instanceof Error && /pixel limit/i.test(error.message)
        ? `${name} has too many pixels (over 40 megapixels).`
        : `${name} could not be read as an image.`;
    return { ok: false, error: message };
  }

  const contentType = encoded.info.format === "png" ? "image/png" : "image/jpeg";
  const id = randomUUID();
  const storageKey = `uploads/${actor.userId}/${id}.${encoded.info.format === "png" ? "png" : "jpg"}`;
  await getStorage().put(storageKey, encoded.data, contentType);
  const db = await getDb();
  const [upload] = await db
    .insert(uploads)
    .values({
      id,
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      fileName: name,
      storageKey,
      contentType,
      width: encoded.info.width,
      height: encoded.info.height,
      bytes: encoded.data.length,
      sha256: createHash("sha256").update(encoded.data).digest("hex"),
    })
    .returning();
  return { ok: true, upload: upload! };
}

export async function getUpload(scope: Scope, id: string): Promise<Upload | null> {
  const db = await getDb();
  const [upload] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.workspaceId, scope.workspaceId)))
    .limit(1);
  return upload ?? null;
}

/** The workspace's uploads among `ids`, in the order given; ids from anywhere else are simply absent. */
export async function getUploads(scope: Scope, ids: string[], reader?: Pick<Db, "select">): Promise<Upload[]> {
  if (ids.length === 0) return [];
  const db = reader ?? (await getDb());
  const rows = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.workspaceId, scope.workspaceId), inArray(uploads.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function uploadView(upload: Upload) {
  return { id: upload.id, url: `/api/uploads/${upload.id}`, fileName: upload.fileName, width: upload.width, height: upload.height };
}
export type UploadView = ReturnType<typeof uploadView>;

/**
 * A generation's first image copied into the workspace's references, to attach to a follow-up run (a final
 * guided by its draft, a text fix editing the image): the run then stands on its own if the image is deleted.
 */
export async function generationAsReference(actor: Actor, generationId: string): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const db = await getDb();
  const [row] = await db
    .select({ image: images })
    .from(images)
    .innerJoin(generations, eq(generations.id, images.generationId))
    .where(and(eq(images.generationId, generationId), eq(generations.workspaceId, actor.workspaceId)))
    .orderBy(asc(images.position))
    .limit(1);
  const image = row?.image;
  const bytes = image ? await getStorage().get(image.storageKey) : null;
  if (!image || !bytes) return { ok: false, error: "The image is missing from storage, so it cannot be attached." };
  const saved = await saveUpload(actor, `image-${generationId.slice(0, 8)}.${image.contentType === "image/png" ? "png" : "jpg"}`, bytes);
  return saved.ok ? { ok: true, id: saved.upload.id } : saved;
}
