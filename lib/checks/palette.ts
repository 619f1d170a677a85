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

/** Under this CIEDE2000 distance two suggestions are one colour. */
const SAME_COLOUR = 8;
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
  const swatches = MMCQ(opaque.subarray(0, kept), { colorCount: count });
  const total = swatches.reduce((sum, s) => sum + s.population, 0);
  return swatches
    .map((s) => ({ hex: s.hex.toUpperCase(), share: s.population / total }))
    .filter((d) => d.share >= 0.01)
    .sort((a, b) => b.share - a.share);
}

/**
 * Colours to start a kit's palette from, out of its logo: the brand's own colours first (by how much of the
 * logo they cover), then its neutrals, each with the nearest CSS colour's name.
 */
export async function suggestPalette(logo: Buffer): Promise<KitColour[]> {
  const colours = await dominantColours(logo, 8);
  const ordered = [...colours.filter((c) => !isNeutral(c.hex)), ...colours.filter((c) => isNeutral(c.hex))];
  // Two shades a person would call one colour (a logo's anti-aliased edges) are suggested once.
  const distinct: Dominant[] = [];
  for (const colour of ordered) if (distinct.every((d) => colourDistance(d.hex, colour.hex) >= SAME_COLOUR)) distinct.push(colour);
  return distinct.slice(0, 6).map((c) => ({ hex: c.hex, name: colourName(c.hex) }));
}
