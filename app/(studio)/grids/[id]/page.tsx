import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { gridView } from "@/lib/grids";
import { formatUsd } from "@/lib/format";
import { GridMatrix } from "@/components/grids/grid-matrix";

export const metadata: Metadata = { title: "Grid" };

export default async function GridPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const grid = await gridView(actor, (await params).id);
  if (!grid) notFound();
  return (
    <>
      <Link href="/grids" className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Grids
      </Link>
      <h1 className="mb-1 text-xl font-semibold">{String(grid.template.prompt ?? "Grid")}</h1>
      <p className="mb-5 text-sm text-muted">
        {grid.cells.length} variants of {grid.variables.map((v) => `{{${v}}}`).join(", ")}
        {grid.placementIds ? ` × ${grid.placementIds.length} placements = ${grid.jobs} files` : ""} · about {formatUsd(grid.estimatedCostUsd)}
      </p>
      <GridMatrix initial={grid} />
    </>
  );
}
