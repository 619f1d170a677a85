import "server-only";
/**
 * A grid as one zip: its finished images in a folder per row (or per placement, the user's choice), and
 * `manifest.csv` with one line per file — every variable of its row beside its placement, pixels, SHA-256, seed
 * and review state (cells quoted and formula-guarded as the board export's are).
 */
import { zipSync, type Zippable } from "fflate";
import { imagesOf } from "../generations";
import { extensionFor } from "../images/image-type";
import { getStorage } from "../storage";
import { toCsv } from "../csv";
import type { Scope } from "../workspaces/actor";
import { gridView, type GridCellView } from ".";
import type { GenerationView } from "../generations/view";
import { getDb } from "../db";
import { packAssets } from "../db/schema";
import { inArray } from "drizzle-orm";

export const GRID_EXPORT_LAYOUTS = ["row", "placement"] as const;
export type GridExportLayout = (typeof GRID_EXPORT_LAYOUTS)[number];

export async function gridZip(scope: Scope, gridId: string, by: GridExportLayout = "row"): Promise<{ zip: Uint8Array; files: number; name: string } | null> {
  const grid = await gridView(scope, gridId);
  if (!grid) return null;
  const storage = getStorage();
  const files: Zippable = {};
  const manifest: Record<string, unknown>[] = [];
  const add = async (
    cell: GridCellView,
    generation: GenerationView,
    file: { placement: string; key: string; contentType: string; width: number; height: number; bytes: number; sha256: string },
  ) => {
    const bytes = await storage.get(file.key);
    if (!bytes) return;
    const row = `row-${String(cell.row).padStart(3, "0")}`;
    const folder = file.placement.replace(/[^\w-]+/g, "x");
    const name = by === "row" ? `${row}/${folder}.${extensionFor(file.contentType)}` : `${folder}/${row}.${extensionFor(file.contentType)}`;
    // Images are already compressed: stored as they are.
    files[name] = [new Uint8Array(bytes), { level: 0 }];
    manifest.push({
      row: cell.row,
      ...Object.fromEntries(grid.columns.map((c) => [c, cell.values[c] ?? ""])),
      file: name,
      placement: file.placement,
      width: file.width,
      height: file.height,
      bytes: file.bytes,
      sha256: file.sha256,
      seed: generation.seed,
      model: generation.model,
      review_state: generation.reviewState,
      checks: generation.checks?.status ?? "",
      prompt: generation.prompt,
    });
  };
  const packIds = grid.cells.flatMap((c) => (c.packId ? [c.packId] : []));
  const assets = packIds.length ? await (await getDb()).select().from(packAssets).where(inArray(packAssets.packId, packIds)) : [];
  const stored = await imagesOf(grid.cells.flatMap((c) => (c.packId ? [] : c.generations.filter((g) => g.status === "completed").map((g) => g.id))));
  for (const cell of grid.cells) {
    if (cell.packId) {
      // A pack's row: each placement's own file, in the grid's placement order.
      for (const view of cell.assets) {
        const asset = assets.find((a) => a.packId === cell.packId && a.placementId === view.placementId);
        const generation = cell.generations.find((g) => g.id === asset?.generationId);
        if (!asset || !generation || asset.status !== "ready" || !asset.storageKey) continue;
        await add(cell, generation, {
          placement: asset.placementId,
          key: asset.storageKey,
          contentType: asset.format === "png" ? "image/png" : "image/jpeg",
          width: asset.width,
          height: asset.height,
          bytes: asset.bytes ?? 0,
          sha256: asset.sha256 ?? "",
        });
      }
      continue;
    }
    const generation = cell.generation;
    const image = generation && stored.filter((i) => i.generationId === generation.id).sort((a, b) => a.position - b.position)[0];
    if (!generation || !image) continue;
    await add(cell, generation, { placement: generation.params.aspect_ratio, key: image.storageKey, ...image });
  }
  files["manifest.csv"] = new TextEncoder().encode(toCsv(manifest));
  const skipped = grid.jobs - manifest.length;
  files["README.txt"] = new TextEncoder().encode(
    `Grid: ${String(grid.template.prompt ?? "")}\n\n${manifest.length} files, one folder per ${by}; manifest.csv holds each row's variables beside its file.\n${skipped ? `${skipped} of ${grid.jobs} files were not made (failed or still running) and are not included.\n` : ""}`,
  );
  return { zip: zipSync(files, { level: 6 }), files: manifest.length, name: `grid-${grid.id.slice(0, 8)}` };
}
