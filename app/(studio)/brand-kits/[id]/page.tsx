import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { getKit, kitHistory } from "@/lib/brand-kits";
import { may } from "@/lib/workspaces/roles";
import { KitForm } from "@/components/brand-kits/kit-form";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Brand kit" };

/** A kit at its newest version (edited here: saving adds a version), or an older one read-only (`?version=`). */
export default async function KitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string }> }) {
  const actor = await requireActor();
  const [{ id }, { version: asked }] = await Promise.all([params, searchParams]);
  const version = asked && /^\d{1,6}$/.test(asked) ? Number(asked) : undefined;
  const [kit, history] = await Promise.all([getKit(actor, id, version), kitHistory(actor, id)]);
  if (!kit) notFound();
  const newest = history[0]?.version ?? kit.version;
  const old = kit.version !== newest;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,42rem)_1fr]">
      <div>
        <Link href="/brand-kits" className="mb-4 inline-block text-sm text-muted hover:text-ink">
          ← Brand kits
        </Link>
        <h1 className="mb-1 text-xl font-semibold">{kit.name}</h1>
        <p className="mb-6 text-sm text-muted">
          {old ? (
            <>
              Version {kit.version}, as images made with it were checked.{" "}
              <Link href={`/brand-kits/${kit.id}`} className="text-ink underline underline-offset-2 hover:text-accent">
                See the newest (version {newest})
              </Link>
            </>
          ) : (
            `Version ${kit.version}. Saving makes version ${kit.version + 1}: new runs use it, images already made keep the version they were made with.`
          )}
        </p>
        <KitForm key={`${kit.id}-${kit.version}`} kit={kit} readOnly={old || !may(actor.role, "edit")} />
      </div>
      <aside aria-labelledby="kit-versions">
        <h2 id="kit-versions" className="mb-2 text-sm font-medium">
          Versions
        </h2>
        <ol className="space-y-1 text-sm" data-testid="kit-versions">
          {history.map((v) => (
            <li key={v.version}>
              <Link
                href={v.version === newest ? `/brand-kits/${kit.id}` : `/brand-kits/${kit.id}?version=${v.version}`}
                aria-current={v.version === kit.version ? "page" : undefined}
                className={`block rounded-control px-2 py-1.5 hover:bg-raised ${v.version === kit.version ? "bg-raised" : ""}`}
              >
                <span className="font-medium">v{v.version}</span>{" "}
                <span className="text-muted">
                  · {formatDateTime(v.at)}
                  {v.by ? ` · ${v.by}` : ""}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
