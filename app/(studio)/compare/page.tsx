import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { compareRows, promptDiff } from "@/lib/library/compare";
import { fetchGenerationViews } from "@/lib/generations";
import { ChecksBadge } from "@/components/checks/checks-panel";
import { findingInBrief } from "@/lib/checks/findings";

export const metadata: Metadata = { title: "Compare" };

/** 2–4 images side by side with their recipes; every setting that differs is highlighted. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  const actor = await requireActor();
  const ids = ((await searchParams).ids ?? "").split(",").filter(Boolean);
  const views = (await fetchGenerationViews(actor, ids.slice(0, 4))).filter((v) => v.status === "completed");
  if (ids.length < 2 || ids.length > 4 || views.length < 2) {
    return (
      <div className="mx-auto max-w-md rounded-card border border-dashed border-line p-10 text-center">
        <h1 className="text-base font-semibold">Pick 2 to 4 images to compare</h1>
        <p className="mt-1 text-sm text-muted">
          {ids.length > 4 ? "Compare takes at most 4 images." : "Select them in the gallery (click their checkboxes, or press x), then choose Compare."}
        </p>
        <Link href="/gallery" className="mt-4 inline-block text-sm underline">
          Open the gallery
        </Link>
      </div>
    );
  }
  const rows = compareRows(views);
  const prompts = promptDiff(views.map((v) => v.prompt));
  const columns = { gridTemplateColumns: `9rem repeat(${views.length}, minmax(0, 1fr))` };
  const differing = rows.filter((r) => r.differs).length + (new Set(views.map((v) => v.prompt)).size > 1 ? 1 : 0);
  return (
    <>
      <div className="mb-4 flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Compare</h1>
        <span className="text-sm text-muted" data-testid="compare-summary">
          {views.length} images · {differing === 0 ? "identical recipes" : `${differing} ${differing === 1 ? "setting differs" : "settings differ"}`}
        </span>
      </div>
      <div className="overflow-x-auto">
        <div className="grid min-w-[44rem] gap-x-4" style={columns} data-testid="compare">
          <div />
          {views.map((v) => (
            <Link
              key={v.id}
              href={`/gallery/${v.id}`}
              className="block self-start overflow-hidden rounded-card border border-line bg-raised"
              data-testid="compare-image"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- the originals, side by side */}
              <img src={v.images[0]?.url} alt={v.prompt} width={v.images[0]?.width} height={v.images[0]?.height} className="h-auto w-full object-contain" />
            </Link>
          ))}
          {views.some((v) => v.checks) ? (
            <>
              <CompareLabel differs={new Set(views.map((v) => v.checks?.status ?? "")).size > 1}>Checks</CompareLabel>
              {views.map((v) => (
                <div key={v.id} className="flex flex-wrap items-center gap-1.5 border-b border-line py-2 text-xs text-muted" data-testid="compare-checks">
                  {v.checks ? (
                    <>
                      <ChecksBadge status={v.checks.status} />
                      {v.checks.findings
                        .filter((f) => !f.ok)
                        .map((f, i) => (
                          <span key={i} title={f.message}>
                            {findingInBrief(f)}
                          </span>
                        ))}
                    </>
                  ) : (
                    "—"
                  )}
                </div>
              ))}
            </>
          ) : null}
          <CompareLabel differs={new Set(views.map((v) => v.prompt)).size > 1}>Prompt</CompareLabel>
          {prompts.map((words, i) => (
            <p key={views[i]!.id} className="border-b border-line py-2 text-sm leading-relaxed" data-testid="compare-prompt">
              {words.map((w, j) =>
                w.differs ? (
                  <mark key={j} className="rounded bg-accent/25 px-0.5 text-ink">
                    {w.word}
                  </mark>
                ) : (
                  <span key={j}>{w.word}</span>
                ),
              )}
            </p>
          ))}
          {rows.map((row) => (
            <div key={row.label} className="contents" data-testid="compare-row" data-label={row.label} data-differs={row.differs}>
              <CompareLabel differs={row.differs}>{row.label}</CompareLabel>
              {row.values.map((value, i) => (
                <div key={i} className={`border-b border-line px-2 py-2 font-mono text-sm ${row.differs ? "bg-accent/15 font-semibold" : "text-muted"}`}>
                  {value}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </>
  );
}

function CompareLabel({ differs, children }: { differs: boolean; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1.5 border-b border-line py-2 text-sm text-muted">
      {children}
      {differs ? <span className="rounded-full bg-accent/20 px-1.5 text-2xs font-medium text-ink">differs</span> : null}
    </div>
  );
}
