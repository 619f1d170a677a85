import "server-only";
/**
 * A board as one zip: every original, untouched, plus `manifest.csv` with the full recipe of each file, so a
 * hand-off carries what is needed to reproduce any image.
 */
import { zipSync, type Zippable } from "fflate";
import { boardGenerationIds } from "./boards";
import { fetchGenerationViews, imagesOf } from "../generations";
import { recipeRecord } from "../generations/view";
import { extensionFor } from "../images/image-type";
import { getStorage } from "../storage";
import type { Scope } from "../workspaces/actor";

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]!);
  return [columns.join(","), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(","))].join("\r\n") + "\r\n";
}

/** `public` (a share link's download) leaves out when each image was made, as the shared page does. */
export async function exportBoardZip(scope: Scope, boardId: string, boardName: string, audience: "owner" | "public" = "owner"): Promise<Uint8Array> {
  const views = await fetchGenerationViews(scope, await boardGenerationIds(boardId));
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
      manifest.push({ file, ...recipe, ...(audience === "owner" ? { created_at } : {}), width: image.width, height: image.height, sha256: image.sha256 });
    }
  }
  files["manifest.csv"] = new TextEncoder().encode(toCsv(manifest));
  files["README.txt"] = new TextEncoder().encode(
    `${boardName}\n\n${audience === "owner" ? `Exported from Nano Studio on ${new Date().toISOString()}.` : "Shared from Nano Studio."}\n${manifest.length} images; manifest.csv holds the full recipe of each (model, prompt, seed and every setting).\n`,
  );
  return zipSync(files, { level: 6 });
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
