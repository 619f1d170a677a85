import "server-only";
/**
 * A board as one zip: every original, untouched, plus `manifest.csv` with the full recipe of each file, so a
 * hand-off carries what is needed to reproduce any image.
 */
import { zipSync, type Zippable } from "fflate";
import { boardGenerationIds, boardPackIds } from "./boards";
import { packFiles } from "../packs";
import { fetchGenerationViews, imagesOf } from "../generations";
import { recipeRecord } from "../generations/view";
import { extensionFor } from "../images/image-type";
import { getStorage } from "../storage";
import { toCsv } from "../csv";
import { approvalsOf } from "../review";
import type { Scope } from "../workspaces/actor";

/**
 * `public` (a share link's download) leaves out when each image was made, as the shared page does.
 * `approvedOnly` keeps only approved images. Either way the manifest gives each file's review state and,
 * when approved, who approved it, when, and the SHA-256 they approved.
 */
export async function exportBoardZip(
  scope: Scope,
  boardId: string,
  boardName: string,
  { audience = "owner", approvedOnly = false }: { audience?: "owner" | "public"; approvedOnly?: boolean } = {},
): Promise<{ zip: Uint8Array; files: number }> {
  const views = await fetchGenerationViews(scope, await boardGenerationIds(boardId, { approvedOnly }));
  const approvals = await approvalsOf(
    scope,
    views.map((v) => v.id),
  );
  const stored = await imagesOf(views.map((v) => v.id));
  const storage = getStorage();
  const files: Zippable = {};
  const manifest: Record<string, unknown>[] = [];
  for (const [index, view] of views.entries()) {
    for (const image of stored.filter((i) => i.generationId === view.id).sort((a, b) => a.position - b.position)) {
      const bytes = await storage.get(image.storageKey);
      if (!bytes) continue;
      const file = `images/${String(index + 1).padStart(3, "0")}-${view.seed}${image.position ? `-${image.position}` : ""}.${extensionFor(image.contentType)}`;
      // Originals are already compressed: store them as they are.
      files[file] = [new Uint8Array(bytes), { level: 0 }];
      const { created_at, ...recipe } = recipeRecord(view);
      const approval = approvals.get(view.id);
      manifest.push({
        file,
        ...recipe,
        ...(audience === "owner" ? { created_at } : {}),
        width: image.width,
        height: image.height,
        sha256: image.sha256,
        review_state: view.reviewState,
        approved_by: approval?.by ?? "",
        ...(audience === "owner" ? { approved_by_email: approval?.email ?? "" } : {}),
        approved_at: approval?.at ?? "",
        approved_sha256: approval?.sha256 ?? "",
      });
    }
  }
  files["manifest.csv"] = new TextEncoder().encode(toCsv(manifest));
  // Packs on the board: each in its own folder, laid out as its own export with its own manifest.
  const packIds = await boardPackIds(boardId, { approvedOnly });
  for (const [index, packId] of packIds.entries()) {
    const pack = await packFiles(scope, packId, { audience });
    if (!pack) continue;
    const dir = `packs/${String(index + 1).padStart(2, "0")}-${pack.name.replace(/[^\w-]+/g, "-").replace(/-+$/, "")}`;
    for (const [path, bytes] of Object.entries(pack.files)) files[`${dir}/${path}`] = path.endsWith(".csv") ? bytes : [bytes, { level: 0 }];
  }
  files["README.txt"] = new TextEncoder().encode(
    `${boardName}${approvedOnly ? " (approved images only)" : ""}\n\n${audience === "owner" ? `Exported from Nano Studio on ${new Date().toISOString()}.` : "Shared from Nano Studio."}\n${manifest.length} images; manifest.csv holds the full recipe of each (model, prompt, seed and every setting).\n${packIds.length ? `${packIds.length} placement ${packIds.length === 1 ? "pack" : "packs"} under packs/, each with its own manifest.csv.\n` : ""}`,
  );
  return { zip: zipSync(files, { level: 6 }), files: manifest.length };
}

/** A zip as a download named after its board. */
export function zipResponse(zip: Uint8Array, boardName: string): Response {
  const name = `${boardName.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "board"}.zip`;
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/zip",
      "content-length": String(zip.length),
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
