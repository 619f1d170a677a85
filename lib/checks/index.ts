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
import { bannedFindings, judgeText, type Checks } from "./findings";
import { paletteFinding } from "./colour";
import { dominantColours } from "./palette";
import { versionOfRun } from "../brand-kits";
import { contrastFindings } from "./contrast";
import { readWords } from "./ocr";
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
    readWords(bytes, generation.language),
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

/** The sentence an unavailable check shows. */
export function unavailableMessage(language: string): string {
  return `Text checking is not available for “${language}” here: its OCR language data is not installed. Nothing was sent anywhere.`;
}
