/** Copy composition and the text judgements (issue 14): pure, no OCR. */
import { describe, expect, it } from "vitest";
import { briefOf, composePrompt, copyInPrompt, matchCopy, similarity } from "@/lib/copy";
import { judgeText, textArea, textToFix } from "@/lib/checks/findings";

const words = (text: string, y = 0) => text.split(" ").map((t, i) => ({ text: t, box: { x0: i * 100, y0: y, x1: i * 100 + 90, y1: y + 40 } }));

describe("copy in the prompt", () => {
  it("composes the copy as exact lines, reads them back, and composing again changes nothing", () => {
    const prompt = composePrompt("A lemonade can", { headline: "LEMON FIZZ 2 FOR $5", cta: " Shop now ", price: "" });
    expect(prompt).toBe(
      'A lemonade can\n\nText in the image: render exactly these words, spelled exactly as written, legible, and no other text:\n- Headline: "LEMON FIZZ 2 FOR $5"\n- Call to action: "Shop now"',
    );
    expect(copyInPrompt(prompt)).toEqual({ headline: "LEMON FIZZ 2 FOR $5", cta: "Shop now" });
    expect(composePrompt(prompt, { headline: "LEMON FIZZ 2 FOR $5", cta: "Shop now" })).toBe(prompt);
    expect(briefOf(prompt)).toBe("A lemonade can");
    expect(composePrompt("Plain", {})).toBe("Plain");
    const fix = composePrompt(prompt, { headline: "LEMON FIZZ" }, { wrong: [{ expected: "lemon", found: "lmeon" }], missing: ["shop"] });
    expect(fix).toMatch(/"lmeon" must read "lemon"\. "shop" is missing: add it\. Keep everything else exactly as it is\.$/);
    expect(briefOf(fix)).toBe("A lemonade can");
  });
});

describe("similarity and word marking", () => {
  it("scores by normalised edit distance, ignoring case, spacing and stray punctuation", () => {
    expect(similarity("Shop now", "SHOP  NOW!")).toBe(1);
    expect(similarity("LEMON FIZZ 2 FOR $5", "LMEON FIZZ 2 FOR $5")).toBeCloseTo(1 - 2 / 19, 6);
    expect(similarity("abc", "xyz")).toBe(0);
  });
  it("finds the best run of words and names the misspelled ones", () => {
    const read = "seed 12 LMEON FIZZ 2 FOR $5 Shop now".split(" ");
    const match = matchCopy("LEMON FIZZ 2 FOR $5", read);
    expect(match.found).toBe("LMEON FIZZ 2 FOR $5");
    expect(match.misspelled).toEqual([{ expected: "lemon", found: "lmeon" }]);
    expect(match.wordIndexes).toEqual([2, 3, 4, 5, 6]);
    expect(matchCopy("Shop now", read)).toMatchObject({ found: "Shop now", similarity: 1, misspelled: [] });
    // A word that is not there at all is named with nothing found for it.
    expect(matchCopy("Buy it now today", "Buy it now".split(" ")).misspelled).toEqual([{ expected: "today", found: "" }]);
  });
});

describe("judging the text read", () => {
  it("passes at 90% similarity, fails below, calls a far miss missing, and a missing legal line by name", () => {
    const read = { words: [...words("LMEON FIZZ 2 FOR $5"), ...words("Shop now", 100)], width: 1000, height: 1000 };
    const checks = judgeText({ headline: "LEMON FIZZ 2 FOR $5", cta: "Shop now", subline: "Cold and sparkling", legal: "Offer ends 31 May" }, read, "en");
    expect(checks.status).toBe("failed");
    expect(checks.findings.map((f) => [f.kind, f.field, f.ok])).toEqual([
      ["text", "headline", false],
      ["missing-text", "subline", false],
      ["text", "cta", true],
      ["legal-line", "legal", false],
      ["text-area", undefined, true],
    ]);
    expect(textToFix(checks)).toEqual({ wrong: [{ expected: "lemon", found: "lmeon" }], missing: ["Cold and sparkling", "Offer ends 31 May"] });
  });
  it("measures the share of the image under text, overlaps once, and flags over a fifth", () => {
    expect(textArea({ words: [{ text: "a", box: { x0: 0, y0: 0, x1: 500, y1: 200 } }], width: 1000, height: 1000 })).toBeCloseTo(0.1, 2);
    const twice = { x0: 0, y0: 0, x1: 500, y1: 200 };
    expect(
      textArea({
        words: [
          { text: "a", box: twice },
          { text: "b", box: twice },
        ],
        width: 1000,
        height: 1000,
      }),
    ).toBeCloseTo(0.1, 2);
    const big = judgeText({ headline: "BIG" }, { words: [{ text: "BIG", box: { x0: 0, y0: 0, x1: 1000, y1: 300 } }], width: 1000, height: 1000 }, "en");
    expect(big.findings.find((f) => f.kind === "text-area")).toMatchObject({
      ok: false,
      message: "Text covers 30% of the image, over the 20% that ad platforms advise.",
    });
  });
});

describe("text under a placement's buttons", () => {
  const word = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ text, box: { x0, y0, x1, y1 } });
  it("maps words through the crop into the frame and names the zones they land in", async () => {
    const { frameMapper, keepOutFinding } = await import("@/lib/checks/findings");
    // A 1000×2000 source cropped to its lower half, 1000×1000: a word at y 1900–1950 is at 0.9–0.95 of the frame.
    const map = frameMapper({ width: 1000, height: 2000 }, { width: 500, height: 500 }, { left: 0, top: 1000, width: 1000, height: 1000 });
    expect(map({ x0: 100, y0: 1900, x1: 300, y1: 1950 })).toEqual({ x0: 0.1, y0: 0.9, x1: 0.3, y1: 0.95 });
    expect(map({ x0: 100, y0: 100, x1: 300, y1: 150 })).toBeNull();
    const finding = keepOutFinding([word("SHOP", 100, 1900, 300, 1950), word("NOW", 400, 1500, 500, 1550)], map, { bottom: 0.2 });
    expect(finding).toMatchObject({ kind: "keep-out", ok: false, message: "Text in the bottom keep-out zone: SHOP." });
    expect(keepOutFinding([word("NOW", 400, 1500, 500, 1550)], map, { bottom: 0.2, top: 0.1 }).ok).toBe(true);
  });
  it("maps a padded frame by fitting the whole source in the middle", async () => {
    const { frameMapper } = await import("@/lib/checks/findings");
    // 1000×1000 into 2000×1000: scale 1, 500 px of padding either side.
    expect(frameMapper({ width: 1000, height: 1000 }, { width: 2000, height: 1000 }, null)({ x0: 0, y0: 0, x1: 1000, y1: 1000 })).toEqual({
      x0: 0.25,
      y0: 0,
      x1: 0.75,
      y1: 1,
    });
  });
});
