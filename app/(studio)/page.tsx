import type { Metadata } from "next";
import { StudioForm } from "@/components/studio/studio-form";
import { defaultSettings, type StudioSettings } from "@/components/studio/settings";
import { requireUser } from "@/lib/auth";
import { config } from "@/lib/config";
import { fetchRecentGenerations, getGenerationForUser } from "@/lib/generations";
import { isModelId, type ModelId, type Transport } from "@/lib/segmind/catalog";
import { getUploadsForUser, uploadView } from "@/lib/uploads";

export const metadata: Metadata = { title: "Studio" };

/** `?from=<generation>` fills every setting of that image (Edit recipe); `?ref=<upload>` attaches a reference. */
export default async function StudioPage({ searchParams }: { searchParams: Promise<{ from?: string; ref?: string | string[] }> }) {
  const user = await requireUser();
  const { from, ref } = await searchParams;
  const defaultModel: ModelId = "nano-banana-2";
  let settings: StudioSettings = defaultSettings(defaultModel, config().defaultTransport[defaultModel]);
  let referenceIds = ([] as string[]).concat(ref ?? []);

  const source = from ? await getGenerationForUser(user.id, from) : null;
  if (source && isModelId(source.model)) {
    const p = source.params;
    settings = {
      ...defaultSettings(source.model, source.transport as Transport),
      prompt: p.prompt,
      aspect_ratio: p.aspect_ratio as StudioSettings["aspect_ratio"],
      output_format: p.output_format as StudioSettings["output_format"],
      output_resolution: p.output_resolution as StudioSettings["output_resolution"],
      response_modalities: p.response_modalities as StudioSettings["response_modalities"],
      safety_tolerance: p.safety_tolerance,
      thinking_level: p.thinking_level as StudioSettings["thinking_level"],
      web_search: p.web_search ?? false,
      seedMode: "keep",
      seed: String(source.seed),
    };
    referenceIds = [...source.references.map((r) => r.uploadId), ...referenceIds];
  }

  const [references, recentJobs] = await Promise.all([getUploadsForUser(user.id, referenceIds), fetchRecentGenerations(user.id, 9)]);
  return (
    <>
      <h1 className="sr-only">Studio</h1>
      <StudioForm
        key={`${from ?? ""}-${referenceIds.join(",")}`}
        initialSettings={settings}
        initialReferences={references.map(uploadView)}
        recentJobs={recentJobs}
      />
    </>
  );
}
