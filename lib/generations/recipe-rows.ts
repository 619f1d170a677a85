/**
 * A generation's recipe as labelled rows, the one place they are worded: the detail page, the shared page and
 * compare all show these. Plain module: rendered on the server and in the browser.
 */
import { formatBytes, formatSeconds, formatUsd } from "../format";
import type { GenerationView } from "./view";

export interface RecipeRow {
  label: string;
  value: string;
}

/**
 * Every row, in one order, the same labels for every model ("—" where a setting does not apply), so rows line
 * up side by side. `public` leaves out what is the owner's business (cost, timings, when it was made).
 */
export function recipeRows(view: GenerationView, audience: "owner" | "public" = "owner"): RecipeRow[] {
  const image = view.images[0];
  const rows: [string, string][] = [
    ["Model", view.modelName],
    ["Seed", String(view.seed)],
    ["Aspect ratio", view.params.aspect_ratio],
    ["Resolution", view.params.output_resolution],
    ["Format", view.params.output_format.toUpperCase()],
    ["Response", view.params.response_modalities === "IMAGE" ? "Image only" : "Image + text"],
    ["Thinking", view.params.thinking_level],
    ["Safety tolerance", String(view.params.safety_tolerance)],
    ["Web search", view.params.web_search === undefined ? "—" : view.params.web_search ? "on" : "off"],
    ["References", String(view.references.length)],
    ["Brand kit", view.brandKit ? `${view.brandKit.name} · v${view.brandKit.version}` : "—"],
    ["Transport", view.transport === "v1" ? "Direct (v1)" : "Queue (v2)"],
    ["Size", image ? `${image.width} × ${image.height}${audience === "owner" ? ` · ${formatBytes(image.bytes)}` : ""}` : "—"],
  ];
  if (audience === "owner") {
    rows.push(
      ["Estimated cost", formatUsd(view.estimatedCostUsd)],
      ["Inference time", view.inferenceTime != null ? formatSeconds(view.inferenceTime * 1000) : "—"],
      ["Created", new Date(view.createdAt).toLocaleString()],
    );
  }
  return rows.map(([label, value]) => ({ label, value }));
}
