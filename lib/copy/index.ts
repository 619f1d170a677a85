/**
 * Structured ad copy (issue 14): headline, subline, call to action, price and legal line. Composed into the
 * prompt as an explicit instruction to render exactly that text — the one form the model, the simulator and a
 * person reading the recipe all see — and held against what OCR reads back from the image (lib/checks).
 * Pure: the studio previews the final prompt with it, the simulator parses it back out of a prompt.
 */
import { distance } from "fastest-levenshtein";

export const COPY_FIELDS = ["headline", "subline", "cta", "price", "legal"] as const;
export type CopyField = (typeof COPY_FIELDS)[number];
export type CopyFields = Partial<Record<CopyField, string>>;

export const COPY_LABELS: Record<CopyField, string> = {
  headline: "Headline",
  subline: "Subline",
  cta: "Call to action",
  price: "Price",
  legal: "Legal line",
};
export const MAX_COPY_LENGTH = 200;

/** Languages with OCR data installed (npm @tesseract.js-data/*): the checks read them back. */
export const COPY_LANGUAGES = [
  { tag: "en", name: "English" },
  { tag: "es", name: "Español" },
  { tag: "fr", name: "Français" },
  { tag: "de", name: "Deutsch" },
] as const;

/** A language's own name, or its tag when it is not one of ours. */
export function languageName(tag: string): string {
  return COPY_LANGUAGES.find((l) => l.tag === tag.split("-")[0]!.toLowerCase())?.name ?? tag;
}

const BLOCK_START = "Text in the image: render exactly these words, spelled exactly as written, legible, and no other text:";
const FIX_MARKER = "Correct the text in the attached image.";

/** The fields that hold something, trimmed, in the catalog's order. */
export function filledCopy(copy: CopyFields | null | undefined): [CopyField, string][] {
  return COPY_FIELDS.flatMap((field) => {
    const value = copy?.[field]?.trim();
    return value ? [[field, value] as [CopyField, string]] : [];
  });
}

/** The prompt without a copy block or fix instruction a recalled recipe may carry (composing stays idempotent). */
export function briefOf(prompt: string): string {
  const cut = [prompt.indexOf(BLOCK_START), prompt.indexOf(FIX_MARKER)].filter((i) => i >= 0);
  return (cut.length ? prompt.slice(0, Math.min(...cut)) : prompt).trimEnd();
}

export interface TextFix {
  wrong: { expected: string; found: string }[];
  missing: string[];
}

/**
 * The prompt sent: the brief, then one line per copy field with the exact text in double quotes — and, for a
 * "fix the text" run, what was read wrong, to correct in the attached image.
 */
export function composePrompt(prompt: string, copy: CopyFields | null | undefined, fix?: TextFix): string {
  const fields = filledCopy(copy);
  const brief = briefOf(prompt);
  const block = fields.length ? `\n\n${BLOCK_START}\n${fields.map(([field, text]) => `- ${COPY_LABELS[field]}: "${text}"`).join("\n")}` : "";
  return `${brief}${block}${fix ? `\n\n${fixLine(fix)}` : ""}`;
}

/** The copy a prompt asks for (what the simulator draws; a real model reads the same lines). */
export function copyInPrompt(prompt: string): CopyFields {
  const at = prompt.indexOf(BLOCK_START);
  if (at < 0) return {};
  const copy: CopyFields = {};
  for (const line of prompt.slice(at + BLOCK_START.length).split("\n")) {
    const match = /^- ([^:]+): "(.*)"$/.exec(line.trim());
    const field = match && COPY_FIELDS.find((f) => COPY_LABELS[f] === match[1]);
    if (field) copy[field] = match[2]!;
  }
  return copy;
}

function fixLine({ wrong, missing }: TextFix): string {
  const lines = [...wrong.map((w) => `"${w.found}" must read "${w.expected}".`), ...missing.map((m) => `"${m}" is missing: add it.`)];
  return `${FIX_MARKER} ${lines.join(" ")} Keep everything else exactly as it is.`;
}

export function isFixPrompt(prompt: string): boolean {
  return prompt.includes(FIX_MARKER);
}

/** Lower case, one space between words, punctuation dropped except what changes meaning in an ad ($ € £ % . ,). */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}$€£%.,' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** 1 − normalised edit distance: 1 is identical, 0 shares nothing. */
export function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (!x && !y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

export interface CopyMatch {
  /** The words OCR read that match the field best (empty when nothing came close). */
  found: string;
  similarity: number;
  /** Expected words read differently, in order. */
  misspelled: { expected: string; found: string }[];
  /** Indexes of the OCR words matched (for their boxes). */
  wordIndexes: number[];
}

/**
 * The best run of consecutive OCR words for one copy field: every window of about the field's word count
 * (±1) is scored; the words of the winner are aligned to the expected ones to name the misspelled.
 */
export function matchCopy(expected: string, words: string[]): CopyMatch {
  const target = normalise(expected).split(" ").filter(Boolean);
  let best: CopyMatch = { found: "", similarity: 0, misspelled: [], wordIndexes: [] };
  for (let size = Math.max(1, target.length - 1); size <= target.length + 1; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      const window = words.slice(start, start + size);
      const score = similarity(expected, window.join(" "));
      if (score > best.similarity) best = { found: window.join(" "), similarity: score, misspelled: [], wordIndexes: window.map((_, i) => start + i) };
    }
  }
  if (best.similarity === 0) return best;
  const found = normalise(best.found).split(" ");
  // A word read right anywhere in the run is right; otherwise the word read in its place (or the closest) is named.
  best.misspelled = target.flatMap((word) => {
    if (found.includes(word)) return [];
    const closest = found.reduce((a, b) => (similarity(word, b) > similarity(word, a) ? b : a), "");
    return [{ expected: word, found: similarity(word, closest) >= 0.5 ? closest : "" }];
  });
  return best;
}
