/**
 * Colour judgements, pure: the contrast of text against what is behind it (WCAG's ratio, with culori — a
 * well-kept colour library that implements the spec's relative luminance), and a colour's distance to a palette
 * (CIEDE2000, culori's implementation of Sharma's formulas).
 */
import { colorsNamed, converter, differenceCiede2000, formatHex, wcagContrast, type Color } from "culori";
import type { KitColour } from "../brand-kits/compose";
import type { Finding } from "./findings";

/** WCAG AA: large text (most ad copy) needs 3:1, small text (a legal line) 4.5:1. */
export const MIN_CONTRAST = { large: 3, small: 4.5 } as const;

export function contrastRatio(a: string, b: string): number {
  return wcagContrast(a, b);
}

/**
 * The contrast inside a text box, from its pixels (RGB, 3 bytes each): the darkest and lightest tenth stand for
 * ink and ground (which is which does not matter to the ratio). Anti-aliased edges sit in between and are ignored.
 */
export function textBoxContrast(rgb: Uint8Array): { ratio: number; ink: string; ground: string } {
  const pixels: { l: number; i: number }[] = [];
  for (let i = 0; i + 2 < rgb.length; i += 3) pixels.push({ l: 0.2126 * rgb[i]! + 0.7152 * rgb[i + 1]! + 0.0722 * rgb[i + 2]!, i });
  if (pixels.length === 0) return { ratio: 1, ink: "#000000", ground: "#000000" };
  pixels.sort((x, y) => x.l - y.l);
  const tenth = Math.max(1, Math.floor(pixels.length / 10));
  const mean = (part: { i: number }[]) => {
    const sum = [0, 0, 0];
    for (const { i } of part) for (let c = 0; c < 3; c++) sum[c]! += rgb[i + c]!;
    return formatHex({ mode: "rgb", r: sum[0]! / part.length / 255, g: sum[1]! / part.length / 255, b: sum[2]! / part.length / 255 });
  };
  const ink = mean(pixels.slice(0, tenth));
  const ground = mean(pixels.slice(-tenth));
  return { ratio: Math.round(contrastRatio(ink, ground) * 100) / 100, ink, ground };
}

const ciede2000 = differenceCiede2000();

/** CIEDE2000 distance between two colours (hex, or any culori colour). Under about 2 is hard to tell apart; over 10 is another colour. */
export function colourDistance(a: string | Color, b: string | Color): number {
  return ciede2000(a, b);
}

/** A colour of an image and the share of its pixels it stands for. */
export interface Dominant {
  hex: string;
  share: number;
}

/** An image's colours are on brand when, on average, they lie within this CIEDE2000 distance of the palette. */
export const PALETTE_MAX_DELTA_E = 15;
/** Greys, white and black go with any brand: below this chroma (LCh) a colour is not held to the palette. */
const NEUTRAL_CHROMA = 12;
const lch = converter("lch");

export function isNeutral(hex: string): boolean {
  return (lch(hex)?.c ?? 0) < NEUTRAL_CHROMA;
}

/** The palette colour nearest to `hex`, and how far it is. */
export function nearestInPalette(hex: string, palette: KitColour[]): { colour: KitColour; deltaE: number } | null {
  let best: { colour: KitColour; deltaE: number } | null = null;
  for (const colour of palette) {
    const deltaE = colourDistance(hex, colour.hex);
    if (!best || deltaE < best.deltaE) best = { colour, deltaE };
  }
  return best;
}

/**
 * The image's dominant colours against a kit's palette: each chromatic colour's CIEDE2000 distance to the nearest
 * palette colour, averaged by the share of the image it covers. Neutrals are left out, and an image of nothing
 * but neutrals is on brand.
 */
export function paletteFinding(dominant: Dominant[], palette: KitColour[]): Finding {
  const chromatic = dominant.filter((d) => !isNeutral(d.hex));
  const weight = chromatic.reduce((sum, d) => sum + d.share, 0);
  const matched = chromatic.map((d) => ({ ...d, nearest: nearestInPalette(d.hex, palette)! }));
  if (palette.length === 0 || weight === 0) {
    return { kind: "palette", ok: true, deltaE: 0, message: "Only neutral colours (white, black, greys): nothing to hold to the palette." };
  }
  const deltaE = Math.round((matched.reduce((sum, d) => sum + d.nearest.deltaE * d.share, 0) / weight) * 10) / 10;
  const ok = deltaE <= PALETTE_MAX_DELTA_E;
  const worst = matched.reduce((a, b) => (b.nearest.deltaE * b.share > a.nearest.deltaE * a.share ? b : a));
  return {
    kind: "palette",
    ok,
    deltaE,
    found: matched.map((d) => d.hex).join(" "),
    message: ok
      ? `On palette: the main colours are ${deltaE} ΔE00 from the kit's on average (pass ≤ ${PALETTE_MAX_DELTA_E}).`
      : `Off palette: the main colours are ${deltaE} ΔE00 from the kit's on average (pass ≤ ${PALETTE_MAX_DELTA_E}); ${worst.hex} covers ${Math.round(worst.share * 100)}% and its nearest, ${worst.nearest.colour.name} ${worst.nearest.colour.hex}, is ${Math.round(worst.nearest.deltaE)} away.`,
  };
}

const NAMED = Object.entries(colorsNamed as Record<string, number>).map(([name, value]) => ({
  name: name.replace(/^./, (c) => c.toUpperCase()),
  hex: `#${value.toString(16).padStart(6, "0").toUpperCase()}`,
}));

/** The nearest CSS colour name, as a starting name for a suggested palette colour ("Gold", "Navy"). */
export function colourName(hex: string): string {
  return NAMED.reduce((a, b) => (colourDistance(hex, b.hex) < colourDistance(hex, a.hex) ? b : a)).name;
}
