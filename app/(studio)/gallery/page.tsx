import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { requireUser } from "@/lib/auth";
import { fetchGallery } from "@/lib/generations";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage() {
  const user = await requireUser();
  const items = await fetchGallery(user.id);
  return (
    <>
      <div className="mb-5 flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Gallery</h1>
        <span className="text-sm text-muted">{items.length} {items.length === 1 ? "image" : "images"}, newest first</span>
      </div>
      {items.length === 0 ? (
        <div className="flex min-h-64 flex-col items-center justify-center rounded-card border border-dashed border-line p-10 text-center">
          <p className="text-sm font-medium">No images yet</p>
          <p className="mt-1 text-sm text-muted">Everything you generate lands here with its seed and full recipe.</p>
          <Link href="/" className={buttonClass("primary", "mt-5")}>
            Open the studio
          </Link>
        </div>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5" data-testid="gallery-grid">
          {items.map((item) => {
            const image = item.images[0];
            return (
              <li key={item.id} data-testid="gallery-item" data-generation-id={item.id}>
                <Link href={`/gallery/${item.id}`} className="group block overflow-hidden rounded-card border border-line bg-surface shadow-sm transition hover:border-muted">
                  <div className="aspect-square overflow-hidden bg-raised">
                    {image ? (
                      // eslint-disable-next-line @next/next/no-img-element -- thumbnails are already sized WebP from our own route
                      <img src={image.thumbUrl} alt={item.prompt} loading="lazy" className="h-full w-full object-cover transition duration-300 group-hover:scale-[1.02]" />
                    ) : null}
                  </div>
                  <div className="space-y-1 p-2.5">
                    <p className="line-clamp-2 text-xs">{item.prompt}</p>
                    <p className="flex items-center gap-1.5 text-2xs text-muted">
                      <span>{item.modelName}</span>·<span>{item.aspectRatio}</span>
                      <span className="ml-auto font-mono" data-testid="gallery-seed">
                        {item.seed}
                      </span>
                    </p>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
