import "server-only";
/**
 * An image's dominant colours: sharp shrinks it, and the modified median cut of @vibrant/quantizer-mmcq (the
 * quantizer of node-vibrant and Color Thief, without their image loaders) groups its pixels. Used for the
 * palette check of a generation and for the palette a brand kit suggests from its logo.
 */
import { MMCQ } from "@vibrant/quantizer-mmcq";
import sharp from "../images/sharp";
import { colourDistance, colourName, isNeutral, type Dominant } from "./colour";
import type { KitColour } from "../brand-kits/compose";

/** Under this CIEDE2000 distance two shades are one colour. */
const SAME_COLOUR = 8;
/** How many boxes median cut makes before shades are merged back. */
const FINE_CUT = 32;
/** Enough pixels for the colours, few enough to quantize in a few milliseconds. */
const SAMPLE_SIDE = 96;

export async function dominantColours(image: Buffer, count = 6): Promise<Dominant[]> {
  const { data, info } = await sharp(image)
    .resize(SAMPLE_SIDE, SAMPLE_SIDE, { fit: "inside", withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Transparent pixels (a logo's surroundings) are no colour of the image.
  const opaque = new Uint8ClampedArray(data.length);
  let kept = 0;
  for (let i = 0; i < info.width * info.height * 4; i += 4) {
    if (data[i + 3]! < 128) continue;
    opaque.set([data[i]!, data[i + 1]!, data[i + 2]!, 255], kept);
    kept += 4;
  }
  if (kept === 0) return [];
  // Median cut splits the most populous boxes first: asked for few colours, it can leave two distinct ones (a
  // yellow and a navy) averaged into one box while it splits the whites. So it cuts finely, and shades a person
  // would call one colour are merged back, weighted by how many pixels each stands for.
  const swatches = MMCQ(opaque.subarray(0, kept), { colorCount: FINE_CUT });
  const total = swatches.reduce((sum, s) => sum + s.population, 0);
  const merged: { hex: string; share: number }[] = [];
  for (const swatch of [...swatches].sort((a, b) => b.population - a.population)) {
    const share = swatch.population / total;
    const near = merged.find((m) => colourDistance(m.hex, swatch.hex) < SAME_COLOUR);
    if (near) near.share += share;
    else merged.push({ hex: swatch.hex.toUpperCase(), share });
  }
  return merged
    .filter((d) => d.share >= 0.01)
    .sort((a, b) => b.share - a.share)
    .slice(0, count);
}

/**
 * Colours to start a kit's palette from, out of its logo: the brand's own colours first (by how much of the
 * logo they cover), then its neutrals, each with the nearest CSS colour's name.
 */
export async function suggestPalette(logo: Buffer): Promise<KitColour[]> {
  const colours = await dominantColours(logo, 8);
  const ordered = [...colours.filter((c) => !isNeutral(c.hex)), ...colours.filter((c) => isNeutral(c.hex))];
  return ordered.slice(0, 6).map((c) => ({ hex: c.hex, name: colourName(c.hex) }));
}
