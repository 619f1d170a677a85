/**
 * What the checks of an image found, as stored with it and answered by the API: pure data and pure judgements
 * (no OCR here), so the browser can show them and the tests can hold each rule on its own.
 */
import { COPY_LABELS, filledCopy, matchCopy, type CopyField, type CopyFields } from "../copy";

export const CHECK_STATUSES = ["pending", "passed", "failed", "unavailable"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type FindingKind = "text" | "missing-text" | "text-area" | "legal-line" | "keep-out" | "banned-word" | "palette" | "contrast";

export interface Finding {
  kind: FindingKind;
  ok: boolean;
  field?: CopyField;
  expected?: string;
  found?: string;
  similarity?: number;
  misspelled?: { expected: string; found: string }[];
  message: string;
}

export interface Checks {
  status: CheckStatus;
  language: string;
  findings: Finding[];
  /** Why there is no verdict (an "unavailable" check). */
  message?: string;
  checkedAt?: string;
  ms?: number;
}

/** A copy field passes when what was read is at least this similar to what was meant. */
export const PASS_SIMILARITY = 0.9;
/** Below this, the field is not there at all (rather than misspelled). */
const FOUND_SIMILARITY = 0.5;
/** Google's guidance: text on more than a fifth of an image hurts delivery. */
export const MAX_TEXT_AREA = 0.2;

export interface ReadText {
  words: { text: string; box: { x0: number; y0: number; x1: number; y1: number } }[];
  width: number;
  height: number;
}

/** Each copy field against the words read, the share of the image under text, and the verdict. */
export function judgeText(copy: CopyFields, read: ReadText, language: string): Checks {
  const words = read.words.map((w) => w.text);
  const findings: Finding[] = filledCopy(copy).map(([field, expected]) => {
    const match = matchCopy(expected, words);
    const similarity = Math.round(match.similarity * 1000) / 1000;
    const label = COPY_LABELS[field];
    if (match.similarity < FOUND_SIMILARITY)
      return {
        kind: field === "legal" ? "legal-line" : "missing-text",
        ok: false,
        field,
        expected,
        similarity,
        message: field === "legal" ? `The legal line is missing: “${expected}”.` : `${label} not found in the image: “${expected}”.`,
      };
    const ok = match.similarity >= PASS_SIMILARITY;
    const wrong = match.misspelled.filter((m) => m.found);
    return {
      kind: "text",
      ok,
      field,
      expected,
      found: match.found,
      similarity,
      misspelled: match.misspelled,
      message: ok
        ? `${label} reads as written (${Math.round(similarity * 100)}% match).`
        : `${label} reads “${match.found}” (${Math.round(similarity * 100)}% match)${wrong.length ? `: ${wrong.map((m) => `“${m.found}” for “${m.expected}”`).join(", ")}` : ""}.`,
    };
  });
  const area = textArea(read);
  findings.push({
    kind: "text-area",
    ok: area <= MAX_TEXT_AREA,
    message: `Text covers ${Math.round(area * 100)}% of the image${area > MAX_TEXT_AREA ? `, over the ${MAX_TEXT_AREA * 100}% that ad platforms advise` : ""}.`,
  });
  return { status: findings.every((f) => f.ok) ? "passed" : "failed", language, findings };
}

/** The share of the image inside the boxes of the words read (overlaps counted once, on a coarse grid). */
export function textArea(read: ReadText): number {
  if (read.width <= 0 || read.height <= 0) return 0;
  const cell = Math.max(1, Math.round(Math.min(read.width, read.height) / 200));
  const columns = Math.ceil(read.width / cell);
  const covered = new Set<number>();
  for (const { box } of read.words)
    for (let y = Math.max(0, Math.floor(box.y0 / cell)); y < Math.min(Math.ceil(read.height / cell), Math.ceil(box.y1 / cell)); y++)
      for (let x = Math.max(0, Math.floor(box.x0 / cell)); x < Math.min(columns, Math.ceil(box.x1 / cell)); x++) covered.add(y * columns + x);
  return (covered.size * cell * cell) / (read.width * read.height);
}

/** What a "fix the text" run should correct: the misspelled words and the fields not found. */
export function textToFix(checks: Checks): { wrong: { expected: string; found: string }[]; missing: string[] } {
  const failing = checks.findings.filter((f) => !f.ok && f.expected);
  return {
    wrong: failing.flatMap((f) => (f.kind === "text" ? (f.misspelled ?? []).filter((m) => m.found) : [])),
    missing: failing.flatMap((f) => (f.kind === "text" ? (f.misspelled ?? []).filter((m) => !m.found).map((m) => m.expected) : [f.expected!])),
  };
}
