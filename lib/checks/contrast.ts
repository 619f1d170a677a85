import "server-only";
import { COPY_LABELS, filledCopy, matchCopy, type CopyFields } from "../copy";
import sharp from "../images/sharp";
import { MIN_CONTRAST, textBoxContrast } from "./colour";
import type { Finding, ReadText } from "./findings";

/**
 * The contrast of each copy field found, against what is right behind it: the pixels of the box around its words
 * (WCAG ratio; large text needs 3:1, the legal line 4.5:1).
 */
export async function contrastFindings(image: Buffer, copy: CopyFields, read: ReadText): Promise<Finding[]> {
  const findings: Finding[] = [];
  const words = read.words.map((w) => w.text);
  for (const [field, expected] of filledCopy(copy)) {
    const match = matchCopy(expected, words);
    if (match.similarity < 0.5 || match.wordIndexes.length === 0) continue;
    const boxes = match.wordIndexes.map((i) => read.words[i]!.box);
    const left = Math.max(0, Math.min(...boxes.map((b) => b.x0)));
    const top = Math.max(0, Math.min(...boxes.map((b) => b.y0)));
    const right = Math.min(read.width, Math.max(...boxes.map((b) => b.x1)));
    const bottom = Math.min(read.height, Math.max(...boxes.map((b) => b.y1)));
    if (right - left < 2 || bottom - top < 2) continue;
    const { data } = await sharp(image)
      .extract({ left, top, width: right - left, height: bottom - top })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { ratio } = textBoxContrast(new Uint8Array(data));
    const needed = field === "legal" ? MIN_CONTRAST.small : MIN_CONTRAST.large;
    findings.push({
      kind: "contrast",
      ok: ratio >= needed,
      field,
      message: `${COPY_LABELS[field]} contrast ${ratio.toFixed(1)}:1${ratio >= needed ? "" : `, under the ${needed}:1 it needs to be read`}.`,
    });
  }
  return findings;
}
