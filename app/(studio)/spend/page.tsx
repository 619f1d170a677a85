import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { formatUsd } from "@/lib/format";
import { workspaceName } from "@/lib/workspaces";
import { spendOf, type SpendLine } from "@/lib/workspaces/spend";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Spend" };

/** The active workspace's spending this month, for its owners: a chart by day, tables by member and model. */
export default async function SpendPage() {
  const actor = await requireActor();
  const result = await spendOf(actor);
  if (!result.ok) notFound();
  const { spend } = result;
  const name = await workspaceName(actor.workspaceId);
  const total = spend.byDay.reduce((sum, d) => sum + d.usd, 0);
  const peak = Math.max(...spend.byDay.map((d) => d.usd), 0.0001);
  const { monthlyUsd, spentUsd, reservedUsd } = spend.budget;
  return (
    <>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Spend · {spend.month}</h1>
          <p className="text-sm text-muted">{name}: what was sent to Segmind this month (UTC), at each image&apos;s catalog price.</p>
        </div>
        <a href="/api/workspace/spend" download className={buttonClass("secondary")} data-testid="spend-csv">
          Download CSV
        </a>
      </div>
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="spend-summary">
        <Figure label="Spent" value={formatUsd(spentUsd)} />
        <Figure label="Reserved (queued, not sent)" value={formatUsd(reservedUsd)} />
        <Figure label="Monthly budget" value={monthlyUsd === null ? "No cap" : formatUsd(monthlyUsd)} />
        <Figure label="Left" value={monthlyUsd === null ? "—" : formatUsd(Math.max(0, monthlyUsd - spentUsd - reservedUsd))} />
      </dl>
      <section className="mb-8 rounded-card border border-line bg-surface p-4" aria-labelledby="by-day">
        <h2 id="by-day" className="mb-3 text-sm font-semibold">
          By day · {formatUsd(total)}
        </h2>
        <div className="flex h-40 items-end gap-[2px]" role="img" aria-label={`Spend per day this month, highest ${formatUsd(peak)}`} data-testid="spend-chart">
          {spend.byDay.map((d) => (
            <div key={d.day} className="group relative flex h-full flex-1 items-end" title={`${d.day}: ${formatUsd(d.usd)} · ${d.images} images`}>
              <div className="w-full rounded-t-sm bg-accent/80" style={{ height: `${d.usd > 0 ? Math.max(3, (d.usd / peak) * 100) : 0}%` }} data-usd={d.usd} />
            </div>
          ))}
        </div>
        <div className="mt-1 flex justify-between text-2xs text-muted">
          <span>{spend.byDay[0]?.day.slice(5)}</span>
          <span>{spend.byDay.at(-1)?.day.slice(5)}</span>
        </div>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <Table title="By member" lines={spend.byMember} testId="spend-members" />
        <Table title="By model and resolution" lines={spend.byModel} testId="spend-models" />
        <Table title="By board (campaign)" lines={spend.byBoard} testId="spend-boards" />
      </div>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-card border border-line bg-surface p-3">
      <dt className="text-2xs text-muted">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function Table({ title, lines, testId }: { title: string; lines: SpendLine[]; testId: string }) {
  return (
    <section className="rounded-card border border-line bg-surface p-4" data-testid={testId}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {lines.length === 0 ? (
        <p className="text-sm text-muted">Nothing spent yet this month.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-2xs text-muted">
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 text-right font-medium">Images</th>
              <th className="py-1 text-right font-medium">Spent</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.label} className="border-t border-line">
                <td className="py-1.5">{line.label}</td>
                <td className="py-1.5 text-right tabular-nums">{line.images}</td>
                <td className="py-1.5 text-right tabular-nums">{formatUsd(line.usd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
