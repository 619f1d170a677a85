import "server-only";
/**
 * Brand kits: a workspace's name, logos and product shots, palette, style, legal line and banned words, kept as
 * versions — an edit adds a version, the kit points at its newest, and a run records the version it used
 * (lib/generations), so an image is checked against the kit as it was when it was made.
 */
import { and, asc, desc, eq, or } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "../db";
import { brandKitVersions, brandKits, users, type BrandKit, type BrandKitVersion } from "../db/schema";
import { getUpload, getUploads, uploadView, type UploadView } from "../images/uploads";
import { getStorage } from "../storage";
import { fieldErrors } from "../segmind/schema";
import { safeText } from "../validation";
import { audit } from "../audit";
import { isUuid } from "../ids";
import { refusal, type Actor, type Scope } from "../workspaces/actor";
import { suggestPalette } from "../checks/palette";
import { MAX_BANNED, MAX_KIT_COLOURS, MAX_KIT_IMAGES, MAX_STYLE_LENGTH, normaliseHex, type KitColour, type KitContent } from "./compose";

const text = (label: string, max: number, min = 0) =>
  safeText(
    label,
    z
      .string({ error: `${label}: write text.` })
      .trim()
      .min(min, `${label}: write it.`)
      .max(max, `${label}: keep it under ${max} characters.`),
  );

const colour = z.strictObject({
  hex: z.string({ error: "palette: each colour needs a hex value." }).transform((value, ctx) => {
    const hex = normaliseHex(value);
    if (!hex) ctx.addIssue({ code: "custom", message: `palette: “${value}” is not a hex colour such as #F5D90A.` });
    return hex ?? value;
  }),
  name: text("A colour's name", 40, 1),
});

export const kitInputSchema = z.strictObject({
  name: text("name", 80, 1),
  palette: z.array(colour).max(MAX_KIT_COLOURS, `palette: at most ${MAX_KIT_COLOURS} colours.`).default([]),
  style: text("style", MAX_STYLE_LENGTH).default(""),
  legal: text("legal", 200).default(""),
  banned: z
    .array(text("A banned word", 80, 1))
    .max(MAX_BANNED, `banned: at most ${MAX_BANNED} words or claims.`)
    .default([])
    .transform((words) => [...new Set(words)]),
  images: z
    .array(
      z.strictObject({
        uploadId: z.uuid("images: each needs the id of an upload."),
        role: z.enum(["logo", "product"], { error: "images: role is logo or product." }),
      }),
    )
    .max(MAX_KIT_IMAGES, `images: at most ${MAX_KIT_IMAGES} logos and product shots.`)
    .default([]),
});
export type KitInput = z.input<typeof kitInputSchema>;

export interface KitView extends Omit<KitContent, "images"> {
  id: string;
  version: number;
  images: (UploadView & { role: "logo" | "product"; sha256: string })[];
  updatedAt: string;
}

export type KitResult = { ok: true; kit: KitView } | { ok: false; error: string; fieldErrors?: Record<string, string>; status?: number };

/** A new kit, as version 1. Owners and editors keep the brand. */
export function createKit(actor: Actor, input: unknown): Promise<KitResult> {
  return saveKit(actor, null, input);
}

/** An edit: a new version, which runs from now on use; older runs keep theirs. */
export function updateKit(actor: Actor, id: string, input: unknown): Promise<KitResult> {
  return saveKit(actor, id, input);
}

async function saveKit(actor: Actor, id: string | null, input: unknown): Promise<KitResult> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied, status: 403 };
  const parsed = kitInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: Object.values(errors)[0] ?? "Check the kit.", fieldErrors: errors };
  }
  const db = await getDb();
  const { images: wanted, ...content } = parsed.data;
  const found = await getUploads(
    actor,
    wanted.map((i) => i.uploadId),
    db,
  );
  if (found.length !== wanted.length)
    return { ok: false, error: "An image of the kit is no longer available. Upload it again.", fieldErrors: { images: "Missing image." } };
  const images = wanted.map((w, i) => ({ uploadId: w.uploadId, role: w.role, sha256: found[i]!.sha256 }));

  const saved = await db.transaction(async (tx) => {
    let kit: BrandKit | undefined;
    if (id === null) {
      [kit] = await tx.insert(brandKits).values({ workspaceId: actor.workspaceId, name: content.name }).returning();
    } else {
      if (!isUuid(id)) return null;
      // Row-locked: two edits at once make two versions, one after the other.
      const [current] = await tx
        .select()
        .from(brandKits)
        .where(and(eq(brandKits.id, id), eq(brandKits.workspaceId, actor.workspaceId)))
        .for("update");
      if (!current) return null;
      [kit] = await tx
        .update(brandKits)
        .set({ name: content.name, version: current.version + 1, updatedAt: new Date() })
        .where(eq(brandKits.id, id))
        .returning();
    }
    const [version] = await tx
      .insert(brandKitVersions)
      .values({ kitId: kit!.id, version: kit!.version, ...content, images, createdBy: actor.userId })
      .returning();
    return { kit: kit!, version: version! };
  });
  if (!saved) return { ok: false, error: "There is no such brand kit in this workspace.", status: 404 };
  await audit({
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: id === null ? "brand_kit_created" : "brand_kit_changed",
    subject: saved.kit.name,
    detail: { kitId: saved.kit.id, version: saved.kit.version },
  });
  return { ok: true, kit: await kitView(actor, saved.kit, saved.version) };
}

/** The workspace's kits at their newest versions, by name. */
export async function listKits(scope: Scope): Promise<KitView[]> {
  const db = await getDb();
  const rows = await db
    .select({ kit: brandKits, version: brandKitVersions })
    .from(brandKits)
    .innerJoin(brandKitVersions, and(eq(brandKitVersions.kitId, brandKits.id), eq(brandKitVersions.version, brandKits.version)))
    .where(eq(brandKits.workspaceId, scope.workspaceId))
    .orderBy(asc(brandKits.name), asc(brandKits.createdAt));
  return Promise.all(rows.map((r) => kitView(scope, r.kit, r.version)));
}

/** One kit at its newest version, or at `version`. */
export async function getKit(scope: Scope, id: string, version?: number): Promise<KitView | null> {
  const found = await kitVersion(scope, id, version);
  return found ? kitView(scope, found.kit, found.version) : null;
}

/** A kit's versions, newest first, with who made each. */
export async function kitHistory(scope: Scope, id: string): Promise<{ version: number; name: string; by: string | null; at: string }[]> {
  if (!isUuid(id)) return [];
  const db = await getDb();
  const rows = await db
    .select({ version: brandKitVersions.version, name: brandKitVersions.name, by: users.name, email: users.email, at: brandKitVersions.createdAt })
    .from(brandKitVersions)
    .innerJoin(brandKits, eq(brandKits.id, brandKitVersions.kitId))
    .leftJoin(users, eq(users.id, brandKitVersions.createdBy))
    .where(and(eq(brandKitVersions.kitId, id), eq(brandKits.workspaceId, scope.workspaceId)))
    .orderBy(desc(brandKitVersions.version));
  return rows.map((r) => ({ version: r.version, name: r.name, by: r.by || r.email, at: r.at.toISOString() }));
}

/**
 * The kit version a run uses (the newest unless one is named), read inside the run's transaction; null when the
 * workspace has no such kit or version.
 */
export async function kitVersion(
  scope: Scope,
  id: string,
  version?: number,
  reader?: Pick<Db, "select">,
): Promise<{ kit: BrandKit; version: BrandKitVersion } | null> {
  if (!isUuid(id)) return null;
  const db = reader ?? (await getDb());
  const [kit] = await db
    .select()
    .from(brandKits)
    .where(and(eq(brandKits.id, id), eq(brandKits.workspaceId, scope.workspaceId)))
    .limit(1);
  if (!kit) return null;
  const [row] = await db
    .select()
    .from(brandKitVersions)
    .where(and(eq(brandKitVersions.kitId, id), eq(brandKitVersions.version, version ?? kit.version)))
    .limit(1);
  return row ? { kit, version: row } : null;
}

/** The version a stored run was made with, for its checks (no workspace scope: the run's own kit). */
export async function versionOfRun(kitId: string, version: number): Promise<BrandKitVersion | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(brandKitVersions)
    .where(and(eq(brandKitVersions.kitId, kitId), eq(brandKitVersions.version, version)))
    .limit(1);
  return row ?? null;
}

/** The names of the kit versions these runs were made with, by `kitId:version` (one query, none without kits). */
export async function kitVersionNames(runs: { brandKitId: string | null; brandKitVersion: number | null }[]): Promise<Map<string, string>> {
  const wanted = runs.filter((r) => r.brandKitId && r.brandKitVersion);
  if (wanted.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ kitId: brandKitVersions.kitId, version: brandKitVersions.version, name: brandKitVersions.name })
    .from(brandKitVersions)
    .where(or(...wanted.map((r) => and(eq(brandKitVersions.kitId, r.brandKitId!), eq(brandKitVersions.version, r.brandKitVersion!)))));
  return new Map(rows.map((r) => [`${r.kitId}:${r.version}`, r.name]));
}

/** Palette suggestions from an uploaded logo (the workspace's own upload). */
export async function suggestFromUpload(scope: Scope, uploadId: string): Promise<{ ok: true; palette: KitColour[] } | { ok: false; error: string }> {
  const upload = isUuid(uploadId) ? await getUpload(scope, uploadId) : null;
  const bytes = upload ? await getStorage().get(upload.storageKey) : null;
  if (!bytes) return { ok: false, error: "That logo is no longer available. Upload it again." };
  return { ok: true, palette: await suggestPalette(bytes) };
}

async function kitView(scope: Scope, kit: BrandKit, version: BrandKitVersion): Promise<KitView> {
  const uploads = await getUploads(
    scope,
    version.images.map((i) => i.uploadId),
  );
  const byId = new Map(uploads.map((u) => [u.id, u]));
  return {
    id: kit.id,
    version: version.version,
    name: version.name,
    palette: version.palette,
    style: version.style,
    legal: version.legal,
    banned: version.banned,
    // An image deleted since is left out rather than shown broken.
    images: version.images.flatMap((i) => {
      const u = byId.get(i.uploadId);
      return u ? [{ ...uploadView(u), role: i.role, sha256: i.sha256 }] : [];
    }),
    updatedAt: kit.updatedAt.toISOString(),
  };
}
