"use client";
import { useState, useSyncExternalStore, useTransition } from "react";
import { shareAction } from "@/lib/actions/share-actions";
import type { ShareTarget } from "@/lib/library/sharing";
import { buttonClass } from "../ui/button";
import { CopyField } from "../ui/copy-button";

const SHOWN: Record<ShareTarget["kind"], string> = {
  image: "this image and its recipe",
  board: "this board's images and their recipes",
  pack: "this pack's files (and a zip of them)",
};

/**
 * Sharing is off until the owner turns it on; then a link anyone can open, and "Stop sharing" kills it for
 * good (turning it on again makes a new link).
 */
export function ShareControl({
  target,
  initialPath,
  initialApprovedOnly = false,
}: {
  target: ShareTarget;
  initialPath: string | null;
  /** A board's link can show only its approved images. */
  initialApprovedOnly?: boolean;
}) {
  const [path, setPath] = useState(initialPath);
  const [approvedOnly, setApprovedOnly] = useState(initialApprovedOnly);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The address bar's origin exists only in the browser; the server renders the path and hydration fills it in.
  const origin = useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
  const url = path ? `${origin}${path}` : null;
  const change = (on: boolean, onlyApproved = approvedOnly) =>
    startTransition(async () => {
      const result = await shareAction(target, on, onlyApproved);
      if (result.ok) {
        setPath(result.path);
        setError(null);
      } else setError(result.error);
    });
  return (
    <div className="space-y-2 rounded-card border border-line p-3" data-testid="share">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">Share link</span>
        {path ? (
          <button type="button" disabled={pending} className={buttonClass("danger", "px-2.5 py-1 text-xs")} onClick={() => change(false)}>
            Stop sharing
          </button>
        ) : (
          <button type="button" disabled={pending} className={buttonClass("secondary", "px-2.5 py-1 text-xs")} onClick={() => change(true)}>
            Create link
          </button>
        )}
      </div>
      {target.kind === "board" ? (
        <label className="flex items-center gap-2 text-xs text-muted">
          <input
            type="checkbox"
            checked={approvedOnly}
            disabled={pending}
            data-testid="share-approved-only"
            onChange={(e) => {
              setApprovedOnly(e.target.checked);
              // A live link changes kind by becoming a new link: the old one stops working.
              if (path) change(true, e.target.checked);
            }}
            className="accent-[rgb(var(--accent))]"
          />
          Approved images only
        </label>
      ) : null}
      {url ? (
        <CopyField value={url} label="Share link" testId="share-url" small />
      ) : (
        <p className="text-2xs text-muted">Off. A link shows only {SHOWN[target.kind]}, nothing else of yours.</p>
      )}
      {error ? <p className="text-xs text-danger">{error}</p> : null}
    </div>
  );
}
