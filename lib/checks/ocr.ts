import "server-only";
/**
 * Reading text back from an image, offline: tesseract.js (its WebAssembly engine runs in a worker thread of its
 * own, off the event loop) with language data from the `@tesseract.js-data/<lang>` npm packages — `langPath`
 * points into node_modules and `cacheMethod: "none"`, so nothing is fetched or written at run time. A small pool
 * of workers per language, sized to the machine, each doing one image at a time.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import sharp from "../images/sharp";

/** BCP 47 primary subtag → tesseract's language code (and the npm package holding its data). */
const LANGUAGES: Record<string, string> = { en: "eng", es: "spa", fr: "fra", de: "deu" };

export interface OcrWord {
  text: string;
  confidence: number;
  /** In the image's pixels. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Where a language's data is installed, or null when its package is not (the check then says so). Looked up
 * from the project's node_modules at run time: a bundler must not try to resolve data packages it never needs.
 */
export function languageData(language: string): { code: string; langPath: string } | null {
  const code = LANGUAGES[language.toLowerCase().split("-")[0] ?? ""];
  if (!code) return null;
  const langPath = path.join(process.cwd(), "node_modules", "@tesseract.js-data", code, "4.0.0_best_int");
  return existsSync(path.join(langPath, `${code}.traineddata.gz`)) ? { code, langPath } : null;
}

const size = Math.max(1, Math.min(2, availableParallelism() - 1));
const pools = new Map<string, { idle: Worker[]; made: number; waiting: ((w: Worker) => void)[] }>();

async function borrow(code: string, langPath: string): Promise<Worker> {
  let pool = pools.get(code);
  if (!pool) pools.set(code, (pool = { idle: [], made: 0, waiting: [] }));
  const idle = pool.idle.pop();
  if (idle) return idle;
  if (pool.made < size) {
    pool.made++;
    return createWorker(code, OEM.LSTM_ONLY, { langPath, cacheMethod: "none", gzip: true });
  }
  return new Promise((resolve) => pool.waiting.push(resolve));
}

function giveBack(code: string, worker: Worker): void {
  const pool = pools.get(code)!;
  const next = pool.waiting.shift();
  if (next) next(worker);
  else pool.idle.push(worker);
}

/** A margin around the image: tesseract drops letters that touch the edge. */
const PAD = 24;

/**
 * The words read from an image, with their boxes in its own pixels; null when the language has no data here.
 * `closer`: a second, slower reading for text the first one missed — tesseract's page layout can pass over a
 * lone short word ("FIZZ" alone on a panel) — the image read again in overlapping horizontal strips, each in grey
 * with its contrast stretched and read as one block of text. It finds such words, and more noise too: the caller keeps only words that match the copy.
 */
export async function readWords(
  image: Buffer,
  language = "en",
  { closer = false }: { closer?: boolean } = {},
): Promise<{ words: OcrWord[]; width: number; height: number } | null> {
  const data = languageData(language);
  if (!data) return null;
  const flat = sharp(image).flatten({ background: "#ffffff" });
  const { width = 0, height = 0 } = await sharp(image).metadata();
  // The whole image, or strips a fifth of its short side tall (a tall frame gets more of them), each overlapping
  // the next by half.
  const strip = Math.min(height, Math.max(64, Math.round(Math.min(width, height) / 5)));
  const tops = closer
    ? Array.from({ length: Math.max(1, Math.ceil((height - strip) / (strip / 2)) + 1) }, (_, i) => Math.min(i * Math.round(strip / 2), height - strip))
    : [0];
  const worker = await borrow(data.code, data.langPath);
  try {
    if (closer) await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
    const words: OcrWord[] = [];
    for (const top of [...new Set(tops)]) {
      // Grey, its contrast stretched per strip: the letters stand out from whatever colours are behind them.
      const part = closer ? flat.clone().extract({ left: 0, top, width, height: strip }).greyscale().normalise() : flat.clone();
      const padded = await part.extend({ top: PAD, bottom: PAD, left: PAD, right: PAD, background: "#ffffff" }).png({ compressionLevel: 1 }).toBuffer();
      const result = await worker.recognize(padded, {}, { blocks: true });
      for (const block of result.data.blocks ?? [])
        for (const paragraph of block.paragraphs)
          for (const line of paragraph.lines)
            for (const word of line.words) {
              if (!word.text.trim()) continue;
              words.push({
                text: word.text,
                confidence: word.confidence,
                box: { x0: word.bbox.x0 - PAD, y0: word.bbox.y0 - PAD + top, x1: word.bbox.x1 - PAD, y1: word.bbox.y1 - PAD + top },
              });
            }
    }
    // The closer reading's noise is dropped by the caller (only words matching the copy are kept): its own
    // words would make a large headline look many times too tall.
    return { words: closer ? words.filter((w) => w.confidence >= 10) : withoutNoise(words), width, height };
  } finally {
    if (closer) await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
    giveBack(data.code, worker);
  }
}

/**
 * Drops what tesseract reports from shapes rather than letters: words it has next to no confidence in (real
 * words can read at 30%: "FIZZ" does), and "words"
 * many times taller than the text around them (a lone letter boxed over half the picture would otherwise count
 * as text covering it).
 */
function withoutNoise(words: OcrWord[]): OcrWord[] {
  const confident = words.filter((w) => w.confidence >= 10);
  const heights = confident.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] ?? 0;
  return confident.filter((w) => w.box.y1 - w.box.y0 <= Math.max(median * 4, 1));
}

/** Ends the workers (tests, shutdown). */
export async function closeOcr(): Promise<void> {
  const all = [...pools.values()].flatMap((p) => p.idle);
  pools.clear();
  await Promise.all(all.map((w) => w.terminate()));
}
