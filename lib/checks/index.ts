import "server-only";
/**
 * Checks after a generation with copy: its image is read back with OCR (lib/checks/ocr: tesseract.js in worker
 * threads, offline) and held against the copy (lib/checks/findings); the verdict is stored with the generation.
 * Off the request path: the job worker only schedules it, a small queue runs as many at once as the OCR pool
 * has workers, and a check left pending by a restart is run again when the image is next read.
 */
import { asc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { generations, images } from "../db/schema";
import { getStorage } from "../storage";
import { FOUND_SIMILARITY, bannedFindings, judgeText, type Checks, type ReadText } from "./findings";
import { filledCopy, matchCopy, type CopyFields } from "../copy";
import { paletteFinding } from "./colour";
import { dominantColours } from "./palette";
import { versionOfRun } from "../brand-kits";
import { contrastFindings } from "./contrast";
import { readWords, type OcrWord } from "./ocr";
import { notifyJobChanged } from "../jobs/events";

const running = new Map<string, Promise<Checks | null>>();

/** Runs (or joins) the checks of one finished generation that has copy; resolves with what they found. */
export function scheduleChecks(generationId: string): Promise<Checks | null> {
  const current = running.get(generationId);
  if (current) return current;
  const run = check(generationId)
    .catch((error: unknown) => {
      console.error(`generation ${generationId}: checking its text failed`, error);
      return null;
    })
    .finally(() => running.delete(generationId));
  running.set(generationId, run);
  return run;
}

async function check(generationId: string): Promise<Checks | null> {
  const db = await getDb();
  const [generation] = await db.select().from(generations).where(eq(generations.id, generationId));
  if (!generation || (!generation.copy && !generation.brandKitId) || generation.status !== "completed") return null;
  const [image] = await db.select().from(images).where(eq(images.generationId, generationId)).orderBy(asc(images.position)).limit(1);
  const bytes = image ? await getStorage().get(image.storageKey) : null;
  if (!bytes) return null;
  const started = performance.now();
  const copy = generation.copy ?? {};
  const kit = generation.brandKitId && generation.brandKitVersion ? await versionOfRun(generation.brandKitId, generation.brandKitVersion) : null;
  const [read, palette] = await Promise.all([
    readForCopy(bytes, copy, generation.language),
    kit && kit.palette.length ? dominantColours(bytes).then((colours) => paletteFinding(colours, kit.palette)) : null,
  ]);
  const judged = read ? judgeText(copy, read, generation.language) : null;
  if (judged && read) {
    judged.findings.push(...(await contrastFindings(bytes, copy, read)));
    if (kit) judged.findings.push(...bannedFindings(read, kit.banned, kit.name));
    if (palette) judged.findings.push(palette);
    judged.status = judged.findings.every((f) => f.ok) ? "passed" : "failed";
  }
  const checks: Checks = read
    ? {
        ...judged!,
        read: { width: read.width, height: read.height, words: read.words.map((w) => ({ text: w.text, box: w.box })) },
        checkedAt: new Date().toISOString(),
        ms: Math.round(performance.now() - started),
      }
    : {
        status: "unavailable",
        language: generation.language,
        // The colours are checked whatever the language.
        findings: palette ? [palette] : [],
        message: unavailableMessage(generation.language),
        checkedAt: new Date().toISOString(),
      };
  await db.update(generations).set({ checks }).where(eq(generations.id, generationId));
  // Long polls waiting on this image answer now.
  notifyJobChanged(generationId);
  return checks;
}

/**
 * The image read for its copy: a copy field the first reading did not find at all is looked for once more,
 * closer (lib/checks/ocr); the words of that reading that match a missing field join the first reading's, its
 * other words (mostly noise) do not. Null when the language has no OCR data here.
 */
export async function readForCopy(bytes: Buffer, copy: CopyFields, language: string): Promise<(ReadText & { words: OcrWord[] }) | null> {
  const read = await readWords(bytes, language);
  if (!read) return null;
  const words = read.words.map((w) => w.text);
  const missing = filledCopy(copy).filter(([, expected]) => matchCopy(expected, words).similarity < FOUND_SIMILARITY);
  if (missing.length === 0) return read;
  const closer = await readWords(bytes, language, { closer: true });
  if (!closer) return read;
  const found = new Set<number>();
  for (const [, expected] of missing) {
    const match = matchCopy(
      expected,
      closer.words.map((w) => w.text),
    );
    if (match.similarity >= FOUND_SIMILARITY) for (const i of match.wordIndexes) found.add(i);
  }
  return { ...read, words: [...read.words, ...[...found].sort((a, b) => a - b).map((i) => closer.words[i]!)] };
}

/** The sentence an unavailable check shows. */
export function unavailableMessage(language: string): string {
  return `Text checking is not available for “${language}” here: its OCR language data is not installed. Nothing was sent anywhere.`;
}
