import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { listKits } from "@/lib/brand-kits";
import { may } from "@/lib/workspaces/roles";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Brand kits" };

export default async function BrandKitsPage() {
  const actor = await requireActor();
  const kits = await listKits(actor);
  const canEdit = may(actor.role, "edit");
  return (
    <>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="mb-1 text-xl font-semibold">Brand kits</h1>
          <p className="max-w-2xl text-sm text-muted">
            The workspace&apos;s brands: logos and product shots, palette, style, legal line and banned words. Pick one in the studio and every image is made
            with it — and checked against it.
          </p>
        </div>
        {canEdit ? (
          <Link href="/brand-kits/new" className={buttonClass("primary")}>
            New brand kit
          </Link>
        ) : null}
      </div>
      {kits.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-8 text-center text-sm text-muted">
          No brand kits yet.{canEdit ? " Start one from your logo: its colours are suggested for the palette." : ""}
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="kit-list">
          {kits.map((kit) => (
            <li key={kit.id}>
              <Link
                href={`/brand-kits/${kit.id}`}
                className="block h-full rounded-card border border-line bg-surface p-4 shadow-sm transition hover:border-accent/60"
              >
                <div className="flex items-center gap-3">
                  {kit.images[0] ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a private upload served by our own route
                    <img src={kit.images[0].url} alt="" className="h-12 w-12 shrink-0 rounded-[8px] border border-line bg-raised object-contain" />
                  ) : (
                    <span className="h-12 w-12 shrink-0 rounded-[8px] border border-dashed border-line" />
                  )}
                  <div className="min-w-0">
                    <p className="truncate font-medium">{kit.name}</p>
                    <p className="text-xs text-muted">
                      Version {kit.version} · {kit.images.length} image{kit.images.length === 1 ? "" : "s"}
                      {kit.banned.length ? ` · ${kit.banned.length} banned` : ""}
                    </p>
                  </div>
                </div>
                <div
                  className="mt-3 flex h-6 overflow-hidden rounded-control border border-line"
                  aria-label={`Palette: ${kit.palette.map((c) => c.name).join(", ") || "none"}`}
                >
                  {kit.palette.length ? (
                    kit.palette.map((c) => <span key={c.hex} title={`${c.name} ${c.hex}`} className="flex-1" style={{ background: c.hex }} />)
                  ) : (
                    <span className="flex-1 px-2 text-2xs leading-6 text-muted">No palette</span>
                  )}
                </div>
                {kit.style ? <p className="mt-2 line-clamp-2 text-xs text-muted">{kit.style}</p> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
