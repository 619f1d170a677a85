/** The pure parts of brand kits (issue 14): the prompt paragraph, banned words, hex input, and the palette verdict. */
import { describe, expect, it } from "vitest";
import { bannedIn, hasKitBlock, kitBlock, normaliseHex, paletteInPrompt, withKitBlock } from "@/lib/brand-kits/compose";
import { composePrompt } from "@/lib/copy";
import { PALETTE_MAX_DELTA_E, colourName, isNeutral, paletteFinding } from "@/lib/checks/colour";

const kit = {
  name: "Lemon Fizz",
  style: "Bright, sunny\n and playful.",
  palette: [
    { hex: "#F5D90A", name: "Lemon" },
    { hex: "#1B2A4A", name: "Navy" },
  ],
};

describe("the kit's paragraph of the prompt", () => {
  it("names the kit, its style on one line and its colours by name and hex", () => {
    expect(kitBlock(kit)).toBe("Brand kit “Lemon Fizz” — style: Bright, sunny and playful.\nPalette: Lemon #F5D90A, Navy #1B2A4A. Keep to these colours.");
    expect(kitBlock({ ...kit, style: "", palette: [] })).toBe("Brand kit “Lemon Fizz”");
  });

  it("is appended once, kept when edited, and replaced when the kit changes", () => {
    const once = withKitBlock("A can on a table", kit);
    expect(once).toBe(`A can on a table\n\n${kitBlock(kit)}`);
    expect(withKitBlock(once, kit)).toBe(once);
    const edited = once.replace("playful", "calm");
    expect(withKitBlock(edited, kit)).toBe(edited);
    const other = { name: "Berry", style: "Moody.", palette: [{ hex: "#7A1F5C", name: "Berry" }] };
    expect(withKitBlock(once, other, { replace: true })).toBe(`A can on a table\n\n${kitBlock(other)}`);
    expect(withKitBlock(once, null, { replace: true })).toBe("A can on a table");
    expect(hasKitBlock("A can on a table")).toBe(false);
  });

  it("composes with the copy block after it, and the simulator reads the palette back", () => {
    const prompt = composePrompt(withKitBlock("A can on a table", kit), { headline: "LEMON FIZZ" });
    expect(prompt.indexOf("Brand kit")).toBeLessThan(prompt.indexOf("Text in the image"));
    // Composing again (a reproduce) does not stack either block.
    expect(composePrompt(withKitBlock(prompt.split("\n\nText in the image")[0]!, kit), { headline: "LEMON FIZZ" })).toBe(prompt);
    expect(paletteInPrompt(prompt)).toEqual(["#F5D90A", "#1B2A4A"]);
    expect(paletteInPrompt("no palette here")).toEqual([]);
  });
});

describe("banned words and claims", () => {
  it("finds whole words and phrases, whatever their case, accents or punctuation", () => {
    const banned = ["guaranteed", "cures", "100% natural", "sin azúcar"];
    expect(bannedIn("GUARANTEED fresh!", banned)).toEqual(["guaranteed"]);
    expect(bannedIn("It cures nothing", banned)).toEqual(["cures"]);
    expect(bannedIn("100% Natural lemons", banned)).toEqual(["100% natural"]);
    expect(bannedIn("SIN AZUCAR", banned)).toEqual(["sin azúcar"]);
    // Not inside other words.
    expect(bannedIn("Secures your order", banned)).toEqual([]);
    expect(bannedIn("", banned)).toEqual([]);
  });
});

describe("hex input", () => {
  it("takes #rgb, rgb, #rrggbb and rrggbb, upper-cased; refuses anything else", () => {
    expect(normaliseHex("#fd0")).toBe("#FFDD00");
    expect(normaliseHex("1b2a4a")).toBe("#1B2A4A");
    expect(normaliseHex(" #F5D90A ")).toBe("#F5D90A");
    for (const bad of ["#GG0000", "12345", "red", ""]) expect(normaliseHex(bad)).toBeNull();
  });
});

describe("the palette verdict (CIEDE2000)", () => {
  it("passes colours on the palette, leaves neutrals out, and fails colours far from it", () => {
    const onBrand = paletteFinding(
      [
        { hex: "#F4DA0C", share: 0.5 },
        { hex: "#FFFFFF", share: 0.3 },
        { hex: "#1C2B4B", share: 0.2 },
      ],
      kit.palette,
    );
    expect(onBrand.ok).toBe(true);
    expect(onBrand.deltaE).toBeLessThan(2);
    expect(onBrand.found).toBe("#F4DA0C #1C2B4B");

    const off = paletteFinding(
      [
        { hex: "#E0218A", share: 0.7 },
        { hex: "#F5D90A", share: 0.3 },
      ],
      kit.palette,
    );
    expect(off.ok).toBe(false);
    expect(off.deltaE).toBeGreaterThan(PALETTE_MAX_DELTA_E);
    expect(off.message).toMatch(/#E0218A covers 70%/);

    expect(
      paletteFinding(
        [
          { hex: "#FFFFFF", share: 0.6 },
          { hex: "#202020", share: 0.4 },
        ],
        kit.palette,
      ),
    ).toMatchObject({ ok: true, deltaE: 0 });
    expect(isNeutral("#808080")).toBe(true);
    expect(isNeutral("#1B2A4A")).toBe(false);
  });

  it("names a colour by the nearest CSS name", () => {
    expect(colourName("#FFD700")).toBe("Gold");
    expect(colourName("#000080")).toBe("Navy");
  });
});

describe("a finding in brief (compare's checks row)", () => {
  it("names what failed in a few words", async () => {
    const { findingInBrief } = await import("@/lib/checks/findings");
    expect(findingInBrief({ kind: "banned-word", ok: false, found: "guaranteed", message: "" })).toBe("banned “guaranteed”");
    expect(findingInBrief({ kind: "palette", ok: false, deltaE: 31.2, message: "" })).toBe("off palette (ΔE 31.2)");
    expect(findingInBrief({ kind: "text", ok: false, field: "headline", message: "" })).toBe("Headline misread");
    expect(findingInBrief({ kind: "legal-line", ok: false, field: "legal", message: "" })).toBe("Legal line missing");
  });
});
