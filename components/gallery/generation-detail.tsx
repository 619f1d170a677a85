"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { setOnBoardAction } from "@/lib/actions/board-actions";
import { setFavoriteAction } from "@/lib/actions/favorite-actions";
import { recipeRows } from "@/lib/generations/recipe-rows";
import { RecipeList } from "../ui/recipe-list";
import type { GenerationView } from "@/lib/generations/view";
import { useGeneration } from "../hooks/use-generation";
import { JobCard } from "../studio/job-card";
import { buttonClass } from "../ui/button";
import { isTyping } from "../ui/shortcuts";
import { toast } from "../ui/toaster";
import { CodePanel } from "./code-panel";
import { GenerationActions } from "./generation-actions";
import { ChecksPanel } from "../checks/checks-panel";
import { FavoriteButton } from "./favorite-button";
import { ShareControl } from "./share-control";
import { useCan } from "../workspaces/role-context";

const SOURCE_WORDS = { reproduce: "Reproduced from", vary: "A variation of", retry: "A retry of", finalise: "Finalised from", fix: "Text fixed from" } as const;

export function GenerationDetail({
  initial,
  neighbours,
  boards,
  onBoards,
  sharePath,
  review,
}: {
  initial: GenerationView;
  /** Links to the newer and older image in the gallery view this one was opened from. */
  neighbours: { newer: string | null; older: string | null };
  boards: { id: string; name: string }[];
  onBoards: string[];
  sharePath: string | null;
  /** The review panel (state, versions, decisions, comments), rendered by the page. */
  review?: React.ReactNode;
}) {
  const canEdit = useCan("edit");
  const canGenerate = useCan("generate");
  const { data } = useGeneration(initial.id, initial);
  const job = data ?? initial;
  const image = job.images[0];
  const router = useRouter();
  const [favorite, setFavorite] = useState(initial.favorite);
  const [memberOf, setMemberOf] = useState(onBoards);
  const [embedRecipe, setEmbedRecipe] = useState(false);

  const toggleFavorite = async () => {
    const next = !favorite;
    setFavorite(next);
    const result = await setFavoriteAction(job.id, next);
    if (!result.ok) {
      setFavorite(!next);
      toast(result.error);
    }
  };

  const toggleBoard = async (boardId: string, on: boolean) => {
    setMemberOf((m) => (on ? [...m, boardId] : m.filter((b) => b !== boardId)));
    const result = await setOnBoardAction(boardId, [job.id], on);
    if (!result.ok) {
      setMemberOf((m) => (on ? m.filter((b) => b !== boardId) : [...m, boardId]));
      toast(result.error);
    }
  };

  // ← → walk the gallery view this image was opened from; f favorites.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event) || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.key === "ArrowLeft" ? neighbours.newer : event.key === "ArrowRight" ? neighbours.older : null;
      if (target) {
        event.preventDefault();
        router.push(target);
      } else if (event.key === "f" && job.status === "completed") {
        event.preventDefault();
        void toggleFavorite();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  // A run that finishes while its page is open: re-read the page, whose review panel exists only for finished images.
  const finishedHere = initial.status !== "completed" && job.status === "completed";
  useEffect(() => {
    if (finishedHere) router.refresh();
  }, [finishedHere, router]);

  const rows = recipeRows(job);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <div className="min-w-0">
        {image ? (
          <div className="flex items-center justify-center overflow-hidden rounded-card border border-line bg-raised">
            {/* eslint-disable-next-line @next/next/no-img-element -- the original, private file */}
            <img
              src={image.url}
              alt={job.prompt}
              width={image.width}
              height={image.height}
              data-testid="detail-image"
              className="max-h-[78vh] w-auto object-contain"
            />
          </div>
        ) : (
          <div className="mx-auto max-w-md">
            <JobCard id={job.id} initial={job} />
          </div>
        )}
      </div>
      <aside className="space-y-5">
        <nav aria-label="Neighbouring images" className="flex items-center gap-2">
          {neighbours.newer ? (
            <Link href={neighbours.newer} className={buttonClass("ghost", "px-2.5 py-1 text-xs")} aria-keyshortcuts="ArrowLeft">
              ← Newer
            </Link>
          ) : null}
          {neighbours.older ? (
            <Link href={neighbours.older} className={buttonClass("ghost", "px-2.5 py-1 text-xs")} aria-keyshortcuts="ArrowRight">
              Older →
            </Link>
          ) : null}
          {job.status === "completed" && canEdit ? <FavoriteButton favorite={favorite} onToggle={() => void toggleFavorite()} className="ml-auto" /> : null}
        </nav>
        {image ? (
          <div className="space-y-1.5">
            <GenerationActions job={job} embedRecipe={embedRecipe} />
            <label className="flex items-center justify-center gap-2 text-xs text-muted">
              <input type="checkbox" checked={embedRecipe} onChange={(e) => setEmbedRecipe(e.target.checked)} className="accent-[rgb(var(--accent))]" />
              Embed the recipe in the file
            </label>
          </div>
        ) : null}
        {job.error ? (
          <p className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="detail-error">
            {job.error.message}
          </p>
        ) : null}
        {job.source ? (
          <p className="text-sm text-muted" data-testid="detail-source">
            {SOURCE_WORDS[job.source.how]}{" "}
            <Link href={`/gallery/${job.source.id}`} className="font-medium text-ink underline underline-offset-4">
              this image
            </Link>
          </p>
        ) : null}
        <ChecksPanel job={job} />
        {review}
        <div>
          <h1 className="text-xs font-medium text-muted">Prompt</h1>
          <p className="mt-1 whitespace-pre-wrap text-sm leading-relaxed" data-testid="detail-prompt">
            {job.prompt}
          </p>
        </div>
        <RecipeList rows={rows} />
        {job.text ? (
          <div>
            <h2 className="text-xs font-medium text-muted">The model&apos;s text answer</h2>
            <p className="mt-1 rounded-control bg-raised px-3 py-2 text-sm" data-testid="detail-text">
              {job.text}
            </p>
          </div>
        ) : null}
        <div className={canGenerate ? "" : "hidden"}>
          <h2 className="mb-1.5 text-xs font-medium text-muted">Recall into the studio</h2>
          <div className="grid grid-cols-3 gap-2" role="group" aria-label="Recall into the studio">
            <Link href={`/?from=${job.id}&recall=all`} className={buttonClass("secondary", "px-2")} title="Every setting and reference of this image">
              All settings
            </Link>
            <Link href={`/?from=${job.id}&recall=seed`} className={buttonClass("secondary", "px-2")} title="Only the seed; the rest of your draft stays">
              Seed
            </Link>
            <Link href={`/?from=${job.id}&recall=prompt`} className={buttonClass("secondary", "px-2")} title="Only the prompt; the rest of your draft stays">
              Prompt
            </Link>
          </div>
        </div>
        {job.status === "completed" ? (
          <>
            <fieldset className="rounded-card border border-line p-3" data-testid="boards">
              <legend className="px-1 text-xs font-medium text-muted">Boards</legend>
              {boards.length === 0 ? (
                <p className="text-2xs text-muted">
                  No boards yet.
                  {canEdit ? (
                    <>
                      {" "}
                      <Link href="/boards" className="underline">
                        Create one
                      </Link>
                      .
                    </>
                  ) : null}
                </p>
              ) : (
                <div className="flex flex-wrap gap-x-4 gap-y-1.5">
                  {boards.map((b) => (
                    <label key={b.id} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="checkbox"
                        checked={memberOf.includes(b.id)}
                        disabled={!canEdit}
                        onChange={(e) => void toggleBoard(b.id, e.target.checked)}
                        className="accent-[rgb(var(--accent))]"
                      />
                      {b.name}
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
            {canEdit ? <ShareControl target={{ kind: "image", id: job.id }} initialPath={sharePath} /> : null}
            <CodePanel recipe={{ model: job.model, params: job.params, referenceCount: job.references.length }} />
          </>
        ) : null}
      </aside>
    </div>
  );
}
