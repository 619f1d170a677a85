import type { Metadata } from "next";
import { RecipeList } from "@/components/ui/recipe-list";
import { recipeRows } from "@/lib/generations/recipe-rows";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { SharedBoard } from "@/components/gallery/shared-board";
import { buttonClass } from "@/components/ui/button";
import { sharedContent, viaLink } from "@/lib/library/sharing";
import type { GenerationView } from "@/lib/generations/view";
import { PackAssets } from "@/components/packs/pack-assets";
import { REVIEW_LABELS } from "@/lib/review/states";

export const metadata: Metadata = { title: "Shared", robots: { index: false, follow: false } };

/**
 * A shared image, board or pack, for anyone with the link, signed in or not. It shows the shared images and their
 * recipes; nothing about the owner (no name, no e-mail, no other images) is read into this page.
 */
export default async function SharedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await sharedContent(token);
  if (!shared) notFound();
  return (
    <div className="min-h-screen bg-canvas">
      <header className="border-b border-line">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:px-6">
          <Logo />
          <span className="text-sm text-muted">Shared with you</span>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
        {shared.kind === "image" ? (
          <SharedImage view={viaLink(shared.generation, token)} />
        ) : shared.kind === "pack" ? (
          <>
            <h1 className="mb-1 text-xl font-semibold" data-testid="shared-title">
              Placement pack
            </h1>
            <div className="mb-5 flex flex-wrap items-center gap-3">
              <p className="line-clamp-2 min-w-0 flex-1 text-sm text-muted">
                {shared.pack.assets.length} placements · {REVIEW_LABELS[shared.pack.reviewState]} · {shared.pack.prompt}
              </p>
              <a href={`/s/${token}/download`} download className={buttonClass("secondary", "ml-auto")} data-testid="download-all">
                Download all (.zip)
              </a>
            </div>
            <PackAssets initial={shared.pack} shared />
          </>
        ) : (
          <>
            <h1 className="mb-1 text-xl font-semibold" data-testid="shared-title">
              {shared.name}
            </h1>
            <div className="mb-5 flex flex-wrap items-center gap-3">
              <p className="text-sm text-muted">
                {shared.generations.length} {shared.generations.length === 1 ? "image" : "images"} · click one for its recipe
              </p>
              {shared.generations.length ? (
                <a href={`/s/${token}/download`} download className={buttonClass("secondary", "ml-auto")} data-testid="download-all">
                  Download all (.zip)
                </a>
              ) : null}
            </div>
            <SharedBoard
              items={shared.generations.flatMap((g) => {
                const view = viaLink(g, token);
                const image = view.images[0];
                return image
                  ? [
                      {
                        id: view.id,
                        src: image.url,
                        thumbUrl: image.thumbUrl,
                        downloadUrl: image.downloadUrl,
                        width: image.width,
                        height: image.height,
                        alt: view.prompt,
                        prompt: view.prompt,
                        rows: recipeRows(view, "public"),
                      },
                    ]
                  : [];
              })}
            />
          </>
        )}
        <p className="mt-10 text-center text-xs text-muted">
          Made with{" "}
          <Link href="/sign-in" className="underline">
            Nano Studio
          </Link>
        </p>
      </main>
    </div>
  );
}

function SharedImage({ view }: { view: GenerationView }) {
  const image = view.images[0]!;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="flex items-center justify-center overflow-hidden rounded-card border border-line bg-raised">
        {/* eslint-disable-next-line @next/next/no-img-element -- the shared original */}
        <img
          src={image.url}
          alt={view.prompt}
          width={image.width}
          height={image.height}
          data-testid="shared-image"
          className="max-h-[78vh] w-auto object-contain"
        />
      </div>
      <aside className="space-y-4">
        <div>
          <h1 className="text-xs font-medium text-muted">Prompt</h1>
          <p className="mt-1 whitespace-pre-wrap text-sm leading-relaxed" data-testid="shared-prompt">
            {view.prompt}
          </p>
        </div>
        <RecipeList rows={recipeRows(view, "public")} />
        <a href={image.downloadUrl} download className={buttonClass("primary", "w-full py-2.5")}>
          Download
        </a>
      </aside>
    </div>
  );
}
