import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerationDetail } from "@/components/gallery/generation-detail";
import { requireUser } from "@/lib/auth";
import { fetchGenerationView } from "@/lib/generations";

export const metadata: Metadata = { title: "Image" };

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  // Someone else's id answers exactly like a missing one.
  const generation = await fetchGenerationView(user.id, id);
  if (!generation) notFound();
  return (
    <>
      <Link href="/gallery" className="mb-4 inline-block text-sm text-muted hover:text-ink">
        ← Gallery
      </Link>
      <GenerationDetail initial={generation} />
    </>
  );
}
