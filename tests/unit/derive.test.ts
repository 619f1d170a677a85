/**
 * Deriving placement files with sharp: every one of the 23 placements at its exact pixels and under its cap
 * from a 4K PNG source of its ratio (noise: the hardest case for a byte cap), the focal point respected, pad
 * mode, and a cap that cannot be met failing with the reason rather than shipping over.
 */
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { PLACEMENTS } from "@/lib/placements/catalog";
import { nearestRatio } from "@/lib/placements";
import { boxAround, decodeSource, deriveAsset, type DecodedSource } from "@/lib/placements/derive";
import { outputSize, type FixedAspectRatio } from "@/lib/segmind/catalog";

vi.mock("server-only", () => ({}));

/** A hard-to-compress source (noise: the worst case for a byte cap) as the model would send it, a PNG. */
async function source(ratio: FixedAspectRatio, resolution: "4K" | "1K" = "4K"): Promise<Buffer> {
  const { width, height } = outputSize(ratio, resolution);
  return sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

describe("derive", () => {
  it("every placement comes out at its exact pixels, sRGB, without metadata, under its byte cap, from a 4K PNG", { timeout: 240_000 }, async () => {
    const sources = new Map<FixedAspectRatio, DecodedSource>();
    for (const placement of PLACEMENTS) {
      const ratio = nearestRatio(placement);
      if (!sources.has(ratio)) sources.set(ratio, await decodeSource(await source(ratio)));
      const derived = await deriveAsset(sources.get(ratio)!, placement);
      if (!derived.ok) throw new Error(`${placement.id}: ${derived.reason}`);
      const meta = await sharp(derived.bytes).metadata();
      expect([meta.width, meta.height, meta.format], placement.id).toEqual([placement.width, placement.height, "jpeg"]);
      expect(derived.bytes.length, placement.id).toBeLessThanOrEqual(placement.maxBytes);
      expect(meta.space, placement.id).toBe("srgb");
      expect(meta.exif ?? meta.icc ?? meta.xmp, placement.id).toBeUndefined();
    }
  });

  it("searches the JPEG quality down to fit a tight cap, and fails with the reason when even the floor does not fit", async () => {
    const big = await decodeSource(await source("16:9", "1K"));
    const tight = await deriveAsset(big, { width: 1200, height: 628, maxBytes: 120 * 1024, formats: ["jpg"] });
    if (!tight.ok) throw new Error(tight.reason);
    expect(tight.bytes.length).toBeLessThanOrEqual(120 * 1024);
    expect(tight.quality).toBeLessThan(90);
    const loose = await deriveAsset(big, { width: 1200, height: 628, maxBytes: 30 * 1024 * 1024, formats: ["jpg"] });
    expect(loose.ok && loose.quality).toBe(90);
    const impossible = await deriveAsset(big, { width: 1200, height: 628, maxBytes: 5 * 1024, formats: ["jpg"] });
    expect(impossible).toMatchObject({ ok: false, reason: expect.stringMatching(/Even at JPEG quality 40 the file is \d+ KB, over the 5 KB cap/) });
  });

  it("crops around the focal point it is given, and attention finds the subject when none is", async () => {
    // A dark wide frame with one red square near its right edge.
    const square = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#ff2020" } })
      .png()
      .toBuffer();
    const frame = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#202020" } })
      .composite([{ input: square, left: 1700, top: 400 }])
      .png()
      .toBuffer();
    const target = { width: 500, height: 500, maxBytes: 1024 * 1024, formats: ["jpg"] as const };
    const redAt = async (bytes: Buffer) => {
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      let sum = 0;
      let n = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        if (data[i]! > 180 && data[i + 1]! < 90) {
          sum += (i / info.channels) % info.width;
          n++;
        }
      }
      return n ? sum / n / info.width : null;
    };
    const right = await deriveAsset(frame, target, { mode: "crop", focal: { x: 0.9, y: 0.5 } });
    const left = await deriveAsset(frame, target, { mode: "crop", focal: { x: 0.1, y: 0.5 } });
    const auto = await deriveAsset(frame, target);
    if (!right.ok || !left.ok || !auto.ok) throw new Error("derive failed");
    expect(right.box).toEqual({ left: 1000, top: 0, width: 1000, height: 1000 });
    expect(await redAt(right.bytes)).toBeGreaterThan(0.5);
    expect(await redAt(left.bytes)).toBeNull();
    expect(auto.box!.left).toBeGreaterThan(500);
    expect(await redAt(auto.bytes)).not.toBeNull();
    // A box the user drew is kept (at the placement's shape, inside the frame).
    const drawn = await deriveAsset(frame, target, { mode: "crop", box: { left: 1500, top: 300, width: 400, height: 400 } });
    expect(drawn.ok && drawn.box).toEqual({ left: 1500, top: 300, width: 400, height: 400 });
    expect(boxAround({ x: 1, y: 1 }, 2000, 1000, 1)).toEqual({ left: 1000, top: 0, width: 1000, height: 1000 });
  });

  it("pads a far shape with a colour or a blurred extension instead of cropping", async () => {
    const square = await source("1:1", "1K");
    const banner = { width: 728, height: 90, maxBytes: 150 * 1024, formats: ["jpg", "png"] as const };
    const coloured = await deriveAsset(square, banner, { mode: "pad", background: "#00ff00" });
    if (!coloured.ok) throw new Error(coloured.reason);
    const { data, info } = await sharp(coloured.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([728, 90]);
    const [r, g, b] = [data[0]!, data[1]!, data[2]!];
    expect(g).toBeGreaterThan(200);
    expect(r + b).toBeLessThan(80);
    expect(coloured.box).toBeNull();
    const blurred = await deriveAsset(square, banner, { mode: "pad", background: "blur" }, "png");
    expect(blurred.ok && [blurred.format, blurred.bytes.length <= banner.maxBytes]).toEqual(["png", true]);
  });
});
