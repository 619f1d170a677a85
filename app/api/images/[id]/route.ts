import { fileResponse, jsonError, withActor } from "@/lib/api";
import { fetchGenerationView, getImage } from "@/lib/generations";
import { recipeRecord } from "@/lib/generations/view";
import { extensionFor } from "@/lib/images/image-type";
import { embedRecipe } from "@/lib/library/recipe-file";
import { getStorage } from "@/lib/storage";

/**
 * The original file, exactly as Segmind produced it; `?download=1` saves it under a telling name, and
 * `&recipe=1` splices the recipe into the file's metadata (the pixels stay untouched).
 */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const image = await getImage(actor, id);
  if (!image) return jsonError(404, "No such image.");
  const query = new URL(request.url).searchParams;
  // Only a download needs the recipe (for the file name, or to embed it): plain views skip the lookup.
  const generation = query.has("download") ? await fetchGenerationView(actor, image.generationId) : null;
  // Splicing the recipe in needs the whole file; everything else streams from storage.
  const file =
    query.get("recipe") === "1" && generation
      ? await getStorage()
          .get(image.storageKey)
          .then((bytes) => bytes && embedRecipe(bytes, image.contentType, { generator: "Nano Studio", ...recipeRecord(generation) }))
      : await getStorage().open(image.storageKey);
  if (!file) return jsonError(404, "No such image.");
  const download = query.has("download")
    ? `nano-studio-${generation?.seed ?? "image"}-${image.generationId.slice(0, 8)}${image.position ? `-${image.position}` : ""}.${extensionFor(image.contentType)}`
    : undefined;
  return fileResponse(file, image.contentType, download);
});
