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
import { gridView } from ".";

export const GRID_EXPORT_LAYOUTS = ["row", "placement"] as const;
export type GridExportLayout = (typeof GRID_EXPORT_LAYOUTS)[number];

export async function gridZip(scope: Scope, gridId: string, by: GridExportLayout = "row"): Promise<{ zip: Uint8Array; files: number; name: string } | null> {
  const grid = await gridView(scope, gridId);
  if (!grid) return null;
  const done = grid.cells.filter((c) => c.generation?.status === "completed");
  const stored = await imagesOf(done.map((c) => c.generation!.id));
  const storage = getStorage();
  const files: Zippable = {};
  const manifest: Record<string, unknown>[] = [];
  const columns = grid.columns;
  for (const cell of done) {
    const g = cell.generation!;
    const image = stored.filter((i) => i.generationId === g.id).sort((a, b) => a.position - b.position)[0];
    const bytes = image ? await storage.get(image.storageKey) : null;
    if (!image || !bytes) continue;
    // Without placements a grid has one column: its aspect ratio.
    const placement = g.params.aspect_ratio.replace(":", "x");
    const row = `row-${String(cell.row).padStart(3, "0")}`;
    const file = by === "row" ? `${row}/${placement}.${extensionFor(image.contentType)}` : `${placement}/${row}.${extensionFor(image.contentType)}`;
    files[file] = [new Uint8Array(bytes), { level: 0 }];
    manifest.push({
      row: cell.row,
      ...Object.fromEntries(columns.map((c) => [c, cell.values[c] ?? ""])),
      file,
      placement: g.params.aspect_ratio,
      width: image.width,
      height: image.height,
      bytes: image.bytes,
      sha256: image.sha256,
      seed: g.seed,
      model: g.model,
      review_state: g.reviewState,
      checks: g.checks?.status ?? "",
      prompt: g.prompt,
    });
  }
  files["manifest.csv"] = new TextEncoder().encode(toCsv(manifest));
  const skipped = grid.cells.length - done.length;
  files["README.txt"] = new TextEncoder().encode(
    `Grid: ${String(grid.template.prompt ?? "")}\n\n${manifest.length} images, one folder per ${by}; manifest.csv holds each row's variables beside its file.\n${skipped ? `${skipped} cells had no finished image (failed or still running) and are not included.\n` : ""}`,
  );
  return { zip: zipSync(files, { level: 6 }), files: manifest.length, name: `grid-${grid.id.slice(0, 8)}` };
}
