/**
 * Colour judgements, pure: the contrast of text against what is behind it (WCAG's ratio, with culori — a
 * well-kept colour library that implements the spec's relative luminance), and a colour's distance to a palette
 * (CIEDE2000, culori's implementation of Sharma's formulas).
 */
import { differenceCiede2000, formatHex, wcagContrast, type Color } from "culori";

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
