import type { Metadata } from "next";
import { RECALL_MODES, type Recall, type RecallMode } from "@/components/studio/draft";
import { StudioForm } from "@/components/studio/studio-form";
import { defaultSettings, settingsFromRecipe } from "@/components/studio/settings";
import { requireActor } from "@/lib/auth";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { may } from "@/lib/workspaces/roles";
import { workspaceName } from "@/lib/workspaces";
import { campaignsOf } from "@/lib/workspaces/budget";
import { config } from "@/lib/config";
import { getGeneration } from "@/lib/generations";
import { fetchRunsPage } from "@/lib/generations/runs";
import { isModelId, type ModelId } from "@/lib/segmind/catalog";
import { getUploads, uploadView } from "@/lib/images/uploads";
import { listKits } from "@/lib/brand-kits";

export const metadata: Metadata = { title: "Studio" };

/**
 * `?from=<generation>&recall=all|seed|prompt` brings that image's settings (all by default) into the form
 * over the user's draft; `?ref=<upload>` attaches a reference.
 */
export default async function StudioPage({ searchParams }: { searchParams: Promise<{ from?: string; recall?: string; ref?: string | string[] }> }) {
  const actor = await requireActor();
  if (!may(actor.role, "generate")) return <NotAGenerator role={actor.role} workspace={await workspaceName(actor.workspaceId)} />;
  const { from, recall: recallParam, ref } = await searchParams;
  const defaultModel: ModelId = "nano-banana-2";
  const initialSettings = defaultSettings(defaultModel, config().defaultTransport[defaultModel]);
  const mode: RecallMode = RECALL_MODES.includes(recallParam as RecallMode) ? (recallParam as RecallMode) : "all";

  const source = from ? await getGeneration(actor, from) : null;
  let recall: Recall | null = null;
  if (source && isModelId(source.model)) {
    const references = await getUploads(
      actor,
      source.references.map((r) => r.uploadId),
    );
    recall = {
      mode,
      settings: settingsFromRecipe(source.model, source.transport, source.params, source.copy, source.language, source.brandKitId),
      references: references.map(uploadView),
    };
  }
  const [added, firstRuns, campaigns, kits] = await Promise.all([
    getUploads(actor, ([] as string[]).concat(ref ?? [])),
    fetchRunsPage(actor),
    campaignsOf(actor.workspaceId),
    listKits(actor),
  ]);
  if ("error" in firstRuns) throw new Error(firstRuns.error); // no cursor: cannot happen
  return (
    <>
      <h1 className="sr-only">Studio</h1>
      <StudioForm
        key={`${from ?? ""}-${mode}-${([] as string[]).concat(ref ?? []).join(",")}`}
        draftKey={`nano-studio:draft:${actor.userId}`}
        initialSettings={initialSettings}
        recall={recall}
        addReferences={added.map(uploadView)}
        firstRuns={firstRuns}
        campaigns={campaigns}
        kits={kits}
      />
    </>
  );
}

/** A reviewer or viewer has no studio here: say so, and where their work is. */
function NotAGenerator({ role, workspace }: { role: string; workspace: string }) {
  return (
    <div className="mx-auto max-w-lg rounded-card border border-line bg-surface p-8 text-center shadow-sm" data-testid="no-studio">
      <h1 className="text-lg font-semibold">The studio is for owners and editors</h1>
      <p className="mt-2 text-sm text-muted">
        You are a {role} in {workspace}, so you cannot generate images here.{" "}
        {role === "reviewer" ? "Images waiting for your decision are under Review." : "The workspace's images are in the gallery."}
      </p>
      <div className="mt-5 flex justify-center gap-2">
        <Link href={role === "reviewer" ? "/review" : "/gallery"} className={buttonClass("primary")}>
          {role === "reviewer" ? "Open Review" : "Open the gallery"}
        </Link>
      </div>
    </div>
  );
}
