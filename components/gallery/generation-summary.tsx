"use client";
import Link from "next/link";
import { recipeRows } from "@/lib/generations/recipe-rows";
import { useGeneration } from "../hooks/use-generation";
import { RecipeList } from "../ui/recipe-list";
import { FavoriteButton } from "./favorite-button";
import { GenerationActions } from "./generation-actions";

/** Beside the lightbox's image: its actions, whole prompt and recipe, read when the image is shown. */
export function GenerationSummary({ id, href, favorite, onFavorite }: { id: string; href: string; favorite: boolean; onFavorite: () => void }) {
  const { data: job, error } = useGeneration(id);
  if (error) return <p className="text-sm text-danger">{error.message}</p>;
  if (!job) return <div className="h-64 animate-pulse rounded-card bg-raised" />;
  return (
    <div className="space-y-4">
      <GenerationActions job={job} compact />
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap text-sm leading-relaxed" data-testid="lightbox-prompt">
          {job.prompt}
        </p>
        <FavoriteButton favorite={favorite} onToggle={onFavorite} />
      </div>
      <RecipeList rows={recipeRows(job)} />
      <Link href={href} className="block text-center text-sm text-muted underline-offset-4 hover:text-ink hover:underline">
        Open the detail page
      </Link>
    </div>
  );
}
