import Link from "next/link";
import type { PackSummary } from "@/lib/packs";
import { ReviewBadge } from "../review/state-badge";

/** Packs as cards: a ready file as the cover, the prompt, how many files are ready, and where review stands. */
export function PackList({ packs }: { packs: PackSummary[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {packs.map((pack) => (
        <li key={pack.id}>
          <Link
            href={`/packs/${pack.id}`}
            className="block overflow-hidden rounded-card border border-line bg-surface shadow-sm hover:border-accent"
            data-testid="pack"
          >
            <div className="relative flex h-36 items-center justify-center bg-raised">
              {pack.cover ? (
                // eslint-disable-next-line @next/next/no-img-element -- a derived file from our own route
                <img src={pack.cover.url} alt="" className="max-h-full max-w-full object-contain" />
              ) : (
                <span className="text-2xs text-muted">Waiting for its sources…</span>
              )}
              {pack.reviewState !== "draft" ? <ReviewBadge state={pack.reviewState} onImage className="absolute left-2 top-2" /> : null}
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
  );
}
