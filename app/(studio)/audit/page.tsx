import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { listAudit, parseAuditFilters } from "@/lib/audit";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { listMembers, workspaceName } from "@/lib/workspaces";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit log" };

const control = "rounded-control border border-line bg-canvas px-2.5 py-1.5 text-sm";

/** The active workspace's audit log, for its owners: newest first, filtered by action, member and days. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
  const filters = parseAuditFilters(params);
  const [listed, members, name] = await Promise.all([
    listAudit(actor, filters),
    listMembers(actor.userId, actor.workspaceId),
    workspaceName(actor.workspaceId),
  ]);
  if (!listed.ok) notFound();
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Audit log</h1>
          <p className="text-sm text-muted">Everything that changed in {name}, newest first.</p>
        </div>
        <a href={`/api/workspace/audit${query ? `?${query}` : ""}`} download className={buttonClass("secondary")} data-testid="audit-csv">
          Download CSV
        </a>
      </div>
      <form className="mb-4 flex flex-wrap items-center gap-2" data-testid="audit-filters">
        <label>
          <span className="sr-only">Action</span>
          <select name="action" defaultValue={filters.action ?? ""} className={control}>
            <option value="">Every action</option>
            {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Member</span>
          <select name="actor" defaultValue={filters.actor ?? ""} className={control}>
            <option value="">Every member</option>
            {(members.ok ? members.members : []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          From <input type="date" name="from" defaultValue={filters.from ?? ""} className={control} />
        </label>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          To <input type="date" name="to" defaultValue={filters.to ?? ""} className={control} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      {listed.rows.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-10 text-center text-sm text-muted">
          Nothing recorded{query ? " for these filters" : ""}.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-card border border-line bg-surface">
          <table className="w-full min-w-[40rem] text-sm" data-testid="audit-log">
            <thead>
              <tr className="text-left text-2xs text-muted">
                <th className="px-3 py-2 font-medium">When (UTC)</th>
                <th className="px-3 py-2 font-medium">Who</th>
                <th className="px-3 py-2 font-medium">What</th>
                <th className="px-3 py-2 font-medium">Subject</th>
                <th className="px-3 py-2 font-medium">Detail</th>
              </tr>
            </thead>
            <tbody>
              {listed.rows.map((row) => (
                <tr key={row.id} className="border-t border-line align-top" data-testid="audit-row" data-action={row.action}>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums text-muted">{row.at.slice(0, 16).replace("T", " ")}</td>
                  <td className="px-3 py-2">{row.actorName || row.actorEmail}</td>
                  <td className="px-3 py-2 font-medium">{row.actionLabel}</td>
                  <td className="break-all px-3 py-2">
                    {/^image [0-9a-f-]{36}$/.test(row.subject) ? (
                      <Link href={`/gallery/${row.subject.slice(6)}`} className="underline underline-offset-2 hover:text-accent">
                        {row.subject}
                      </Link>
                    ) : (
                      row.subject
                    )}
                  </td>
                  <td className="px-3 py-2 text-2xs text-muted">
                    {Object.entries(row.detail)
                      .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
