/**
 * What differs between 2–4 recipes: which rows, and inside prompts which words. Plain module, used by the
 * compare page and its tests.
 */
import { recipeRows } from "../generations/recipe-rows";
import type { GenerationView } from "../generations/view";

export interface CompareRow {
  label: string;
  values: string[];
  differs: boolean;
}

/** The recipe rows of each image side by side (the same rows as everywhere), flagged where they differ. */
export function compareRows(views: GenerationView[]): CompareRow[] {
  const each = views.map((v) => recipeRows(v, "public"));
  return (each[0] ?? []).map(({ label }, i) => {
    const values = each.map((rows) => rows[i]!.value);
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
