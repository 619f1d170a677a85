/**
 * What the checks of an image found, as stored with it and answered by the API: pure data and pure judgements
 * (no OCR here), so the browser can show them and the tests can hold each rule on its own.
 */
import { COPY_LABELS, filledCopy, matchCopy, type CopyField, type CopyFields } from "../copy";
import { bannedIn } from "../brand-kits/compose";

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
  /** A palette finding's CIEDE2000 distance to the kit's colours. */
  deltaE?: number;
  misspelled?: { expected: string; found: string }[];
  message: string;
}

export interface Checks {
  status: CheckStatus;
  language: string;
  findings: Finding[];
  /** Why there is no verdict (an "unavailable" check). */
  message?: string;
  /** The words read and where, in the image's pixels: placements map them into their own frames. */
  read?: ReadText;
  checkedAt?: string;
  ms?: number;
}

/** A copy field passes when what was read is at least this similar to what was meant. */
export const PASS_SIMILARITY = 0.9;
/** Below this, the field is not there at all (rather than misspelled). */
export const FOUND_SIMILARITY = 0.5;
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
        ? `${label} reads as written (${Math.floor(match.similarity * 100)}% match).`
        : `${label} reads “${match.found}” (${Math.floor(match.similarity * 100)}% match)${wrong.length ? `: ${wrong.map((m) => `“${m.found}” for “${m.expected}”`).join(", ")}` : ""}.`,
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

/** A failing finding in a few words, for a table cell (compare): the message says it in full. */
export function findingInBrief(finding: Finding): string {
  const field = finding.field ? COPY_LABELS[finding.field] : "";
  switch (finding.kind) {
    case "text":
      return `${field} misread`;
    case "missing-text":
    case "legal-line":
      return `${field || "Legal line"} missing`;
    case "banned-word":
      return `banned “${finding.found}”`;
    case "palette":
      return `off palette (ΔE ${finding.deltaE})`;
    case "contrast":
      return `${field} low contrast`;
    case "keep-out":
      return "text in keep-out zone";
    case "text-area":
      return "too much text";
  }
}

/** The kit's banned words and claims found in the text read: one finding each, or one that says there are none. */
export function bannedFindings(read: ReadText, banned: string[], kitName: string): Finding[] {
  if (banned.length === 0) return [];
  const found = bannedIn(read.words.map((w) => w.text).join(" "), banned);
  if (found.length === 0) return [{ kind: "banned-word", ok: true, message: `None of ${kitName}'s banned words or claims.` }];
  return found.map((term) => ({ kind: "banned-word", ok: false, found: term, message: `“${term}” is banned by ${kitName}.` }));
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

type Box = { x0: number; y0: number; x1: number; y1: number };
/** Fractions of a frame covered by a platform's buttons and captions (lib/placements/catalog's KeepOut). */
export type Zone = Partial<Record<"top" | "bottom" | "left" | "right", number>>;

/**
 * Words read from a source that land in a placement's keep-out zones, once the source is cut to the placement:
 * `toFrame` maps a box in source pixels to fractions of the placement's frame (null: cropped away). A word
 * counts when over a quarter of it lies in a zone.
 */
export function keepOutFinding(words: ReadText["words"], toFrame: (box: Box) => Box | null, zone: Zone): Finding {
  const hits = new Map<string, string[]>();
  for (const word of words) {
    const b = toFrame(word.box);
    if (!b) continue;
    const area = Math.max(1e-9, (b.x1 - b.x0) * (b.y1 - b.y0));
    const regions: [string, Box][] = [];
    if (zone.top) regions.push(["top", { x0: 0, y0: 0, x1: 1, y1: zone.top }]);
    if (zone.bottom) regions.push(["bottom", { x0: 0, y0: 1 - zone.bottom, x1: 1, y1: 1 }]);
    if (zone.left) regions.push(["left", { x0: 0, y0: 0, x1: zone.left, y1: 1 }]);
    if (zone.right) regions.push(["right", { x0: 1 - zone.right, y0: 0, x1: 1, y1: 1 }]);
    for (const [name, r] of regions) {
      const overlap = Math.max(0, Math.min(b.x1, r.x1) - Math.max(b.x0, r.x0)) * Math.max(0, Math.min(b.y1, r.y1) - Math.max(b.y0, r.y0));
      if (overlap / area > 0.25) hits.set(name, [...(hits.get(name) ?? []), word.text]);
    }
  }
  if (hits.size === 0) return { kind: "keep-out", ok: true, message: "No text under the platform's buttons or captions." };
  return {
    kind: "keep-out",
    ok: false,
    message: `Text in the ${[...hits.keys()].join(" and ")} keep-out zone${hits.size > 1 ? "s" : ""}: ${[...new Set([...hits.values()].flat())].slice(0, 8).join(" ")}.`,
  };
}

/** How a source's pixels land in a placement cut from it: a crop box scaled to the frame, or the whole source padded. */
export function frameMapper(
  source: { width: number; height: number },
  frame: { width: number; height: number },
  cropBox: { left: number; top: number; width: number; height: number } | null,
): (box: Box) => Box | null {
  if (cropBox) {
    return (b) => {
      const out = {
        x0: (b.x0 - cropBox.left) / cropBox.width,
        y0: (b.y0 - cropBox.top) / cropBox.height,
        x1: (b.x1 - cropBox.left) / cropBox.width,
        y1: (b.y1 - cropBox.top) / cropBox.height,
      };
      return out.x1 <= 0 || out.y1 <= 0 || out.x0 >= 1 || out.y0 >= 1 ? null : out;
    };
  }
  // Padded: the whole source fitted inside the frame, centred.
  const scale = Math.min(frame.width / source.width, frame.height / source.height);
  const dx = (frame.width - source.width * scale) / 2;
  const dy = (frame.height - source.height * scale) / 2;
  return (b) => ({
    x0: (b.x0 * scale + dx) / frame.width,
    y0: (b.y0 * scale + dy) / frame.height,
    x1: (b.x1 * scale + dx) / frame.width,
    y1: (b.y1 * scale + dy) / frame.height,
  });
}
