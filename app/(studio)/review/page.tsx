import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth";
import { reviewInbox, type InboxItem } from "@/lib/review";
import { may } from "@/lib/workspaces/roles";
import { workspaceName } from "@/lib/workspaces";
import { ReviewBadge } from "@/components/review/state-badge";
import { PackList } from "@/components/packs/pack-list";
import { listPacks } from "@/lib/packs";

export const metadata: Metadata = { title: "Review" };

/** What waits for the current user in the active workspace: images to decide on, and images to change. */
export default async function ReviewPage() {
  const actor = await requireActor();
  const reviewer = may(actor.role, "review");
  const editor = may(actor.role, "edit");
  const [{ toReview, toChange }, name, packsToReview, packsToChange] = await Promise.all([
    reviewInbox(actor),
    workspaceName(actor.workspaceId),
    reviewer ? listPacks(actor, { review: "in_review" }) : [],
    editor ? listPacks(actor, { review: "changes_requested" }) : [],
  ]);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Review</h1>
      <p className="mb-6 text-sm text-muted">
        What waits for you in {name}. {reviewer || editor ? "" : "As a viewer you follow along: approved images are marked in the gallery and on boards."}
      </p>
      {reviewer ? <Section title="Waiting for your decision" empty="Nothing waits for review." items={toReview} testId="inbox-review" /> : null}
      {packsToReview.length ? (
        <section className="mb-8" data-testid="inbox-packs-review">
          <h2 className="mb-3 text-sm font-semibold">
            Placement packs waiting for your decision <span className="ml-1.5 text-muted">· {packsToReview.length}</span>
          </h2>
          <PackList packs={packsToReview} />
        </section>
      ) : null}
      {editor ? (
        <Section title="Changes requested on your images" empty="No image of yours waits for changes." items={toChange} testId="inbox-changes" />
      ) : null}
      {packsToChange.length ? (
        <section className="mb-8" data-testid="inbox-packs-changes">
          <h2 className="mb-3 text-sm font-semibold">
            Changes requested on placement packs <span className="ml-1.5 text-muted">· {packsToChange.length}</span>
          </h2>
          <PackList packs={packsToChange} />
        </section>
      ) : null}
    </>
  );
}

function Section({ title, empty, items, testId }: { title: string; empty: string; items: InboxItem[]; testId: string }) {
  return (
    <section className="mb-8" data-testid={testId}>
      <h2 className="mb-3 text-sm font-semibold">
        {title}
        {items.length ? <span className="ml-1.5 text-muted">· {items.length}</span> : null}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-card border border-dashed border-line p-8 text-center text-sm text-muted">{empty}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((item) => (
            <li key={item.id}>
              <Link
                href={`/gallery/${item.id}`}
                className="flex gap-3 rounded-card border border-line bg-surface p-2 shadow-sm transition hover:border-accent"
                data-testid="inbox-item"
              >
                {item.thumbUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a thumbnail from our own route
                  <img src={item.thumbUrl} alt="" width={item.width} height={item.height} className="h-24 w-auto max-w-[8rem] rounded-control object-cover" />
                ) : null}
                <div className="min-w-0 flex-1 space-y-1">
                  <ReviewBadge state={item.state} />
                  <p className="line-clamp-2 text-sm">{item.prompt}</p>
                  <p className="text-2xs text-muted">
                    {item.authorName}
                    {item.version > 1 ? ` · version ${item.version}` : ""}
                    {item.comments ? ` · ${item.comments} ${item.comments === 1 ? "comment" : "comments"}` : ""}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
