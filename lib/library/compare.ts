/**
 * What differs between 2–4 recipes: which rows, and inside prompts which words. Plain module, used by the
 * compare page and its tests.
 */
import type { GenerationView } from "../generations/view";

export interface CompareRow {
  label: string;
  values: string[];
  differs: boolean;
}

export function compareRows(views: GenerationView[]): CompareRow[] {
  const rows: [string, (v: GenerationView) => string][] = [
    ["Model", (v) => v.modelName],
    ["Seed", (v) => String(v.seed)],
    ["Aspect ratio", (v) => v.params.aspect_ratio],
    ["Resolution", (v) => v.params.output_resolution],
    ["Format", (v) => v.params.output_format.toUpperCase()],
    ["Response", (v) => (v.params.response_modalities === "IMAGE" ? "Image only" : "Image + text")],
    ["Thinking", (v) => v.params.thinking_level],
    ["Safety tolerance", (v) => String(v.params.safety_tolerance)],
    ["Web search", (v) => (v.params.web_search === undefined ? "—" : v.params.web_search ? "on" : "off")],
    ["References", (v) => String(v.references.length)],
    ["Transport", (v) => (v.transport === "v1" ? "Direct (v1)" : "Queue (v2)")],
    ["Size", (v) => (v.images[0] ? `${v.images[0].width} × ${v.images[0].height}` : "—")],
  ];
  return rows.map(([label, read]) => {
    const values = views.map(read);
    return { label, values, differs: new Set(values).size > 1 };
  });
}

/** Each prompt as words, each marked when it is not in every other prompt. */
export function promptDiff(prompts: string[]): { word: string; differs: boolean }[][] {
  const words = prompts.map((p) => p.split(/(\s+)/));
  const normal = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const sets = words.map((ws) => new Set(ws.map(normal).filter(Boolean)));
  return words.map((ws) => ws.map((word) => ({ word, differs: normal(word) !== "" && sets.some((set) => !set.has(normal(word))) })));
}
