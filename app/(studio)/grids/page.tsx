import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { listGrids } from "@/lib/grids";
import { variablesOf, type GridTemplate } from "@/lib/grids/template";
import { may } from "@/lib/workspaces/roles";
import { formatDateTime } from "@/lib/format";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Grids" };

export default async function GridsPage() {
  const actor = await requireActor();
  const grids = await listGrids(actor);
  return (
    <>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="mb-1 text-xl font-semibold">Grids</h1>
          <p className="max-w-2xl text-sm text-muted">
            One template, a table of variants: headlines, backgrounds, markets. Every row is an image, checked like any other, with the cost known before
            anything runs.
          </p>
        </div>
        {may(actor.role, "generate") ? (
          <Link href="/grids/new" className={buttonClass("primary")}>
            New grid
          </Link>
        ) : null}
      </div>
      {grids.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-8 text-center text-sm text-muted">No grids yet.</p>
      ) : (
        <ul className="divide-y divide-line rounded-card border border-line bg-surface" data-testid="grid-list">
          {grids.map((grid) => (
            <li key={grid.id}>
              <Link href={`/grids/${grid.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 hover:bg-raised">
                <span className="min-w-0 flex-1 truncate font-medium">{String(grid.template.prompt ?? "")}</span>
                <span className="text-xs text-muted">
                  {grid.rowCount} rows ·{" "}
                  {variablesOf(grid.template as GridTemplate)
                    .map((v) => `{{${v}}}`)
                    .join(" ")}{" "}
                  · {formatDateTime(grid.createdAt.toISOString())}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
