/** Colour judgements against published figures (issue 14): WCAG contrast and CIEDE2000 (Sharma, Wu & Dalal 2005). */
import { describe, expect, it } from "vitest";
import { colourDistance, contrastRatio, textBoxContrast } from "@/lib/checks/colour";

const lab = (l: number, a: number, b: number) => ({ mode: "lab65" as const, l, a, b });

describe("WCAG contrast", () => {
  it("matches the spec's known pairs", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
  });
  it("reads ink and ground from a text box's pixels", () => {
    // 30% black ink on white, with grey anti-aliasing between: the ratio of black to white.
    const rgb = new Uint8Array(300 * 3);
    for (let i = 0; i < 300; i++) rgb.fill(i < 90 ? 0 : i < 110 ? 128 : 255, i * 3, i * 3 + 3);
    expect(textBoxContrast(rgb)).toEqual({ ratio: 21, ink: "#000000", ground: "#ffffff" });
    // Yellow on white: unreadable.
    const pale = new Uint8Array(100 * 3);
    for (let i = 0; i < 100; i++) pale.set(i < 30 ? [255, 230, 0] : [255, 255, 255], i * 3);
    expect(textBoxContrast(pale).ratio).toBeLessThan(1.5);
  });
});

describe("CIEDE2000", () => {
  // Pairs 1, 7, 17 and 25 of Sharma's test data.
  it.each([
    [lab(50, 2.6772, -79.7751), lab(50, 0, -82.7485), 2.0425],
    [lab(50, 0, 0), lab(50, -1, 2), 2.3669],
    [lab(50, 2.5, 0), lab(73, 25, -18), 27.1492],
    [lab(60.2574, -34.0099, 36.2677), lab(60.4626, -34.1751, 39.4387), 1.2644],
  ])("%o vs %o is %d", (a, b, expected) => {
    expect(colourDistance(a, b)).toBeCloseTo(expected, 4);
  });
});
