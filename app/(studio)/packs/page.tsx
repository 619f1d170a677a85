import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { listPacks } from "@/lib/packs";

export const metadata: Metadata = { title: "Placement packs" };

/** The workspace's placement packs, newest first. */
export default async function PacksPage() {
  const actor = await requireActor();
  const packs = await listPacks(actor);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Placement packs</h1>
      <p className="mb-5 text-sm text-muted">One brief made for many ad placements. Make one from the studio&apos;s Placements panel.</p>
      {packs.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-10 text-center text-sm text-muted">No packs yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {packs.map((pack) => (
            <li key={pack.id}>
              <Link
                href={`/packs/${pack.id}`}
                className="block overflow-hidden rounded-card border border-line bg-surface shadow-sm hover:border-accent"
                data-testid="pack"
              >
                <div className="flex h-36 items-center justify-center bg-raised">
                  {pack.cover ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a derived file from our own route
                    <img src={pack.cover.url} alt="" className="max-h-full max-w-full object-contain" />
                  ) : (
                    <span className="text-2xs text-muted">Waiting for its sources…</span>
                  )}
                </div>
                <div className="space-y-0.5 p-3">
                  <p className="line-clamp-2 text-sm">{pack.prompt}</p>
                  <p className="text-2xs text-muted">
                    {pack.ready} of {pack.placements} placements ready · {new Date(pack.createdAt).toLocaleDateString()}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
