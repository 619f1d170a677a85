import type { Metadata } from "next";
import { requireActor } from "@/lib/auth";
import { listPacks } from "@/lib/packs";
import { PackList } from "@/components/packs/pack-list";

export const metadata: Metadata = { title: "Placement packs" };

/** The workspace's placement packs, newest first. */
export default async function PacksPage() {
  const actor = await requireActor();
  const packs = await listPacks(actor);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Placement packs</h1>
      <p className="mb-5 text-sm text-muted">One brief made for many ad placements. Make one in the studio: switch it to Placements pack.</p>
      {packs.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-10 text-center text-sm text-muted">No packs yet.</p>
      ) : (
        <PackList packs={packs} />
      )}
    </>
  );
}
