import "server-only";
/**
 * One placement's file from its source image, with sharp: cover-cropped around a focal point (sharp's attention
 * strategy unless a point or a crop box is given) or padded (a blurred extension of the image, or a colour),
 * resized to the exact pixels, sRGB, metadata stripped, and encoded under the placement's byte cap — the JPEG
 * quality searched downwards; if even the floor does not fit, the asset fails with the reason, never over.
 * Deriving never calls Segmind: moving a crop and deriving again costs nothing.
 */
import { createHash } from "node:crypto";
import type { Sharp } from "sharp";
import sharp from "../images/sharp";
import type { Placement } from "./catalog";

/** A region of the source, in its pixels. */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Fill =
  | { mode: "crop"; /** 0–1 across and down the source. */ focal?: { x: number; y: number }; box?: CropBox }
  | { mode: "pad"; /** "blur", or a colour as #rrggbb. */ background: string };

export type DerivedAsset =
  | { ok: true; bytes: Buffer; width: number; height: number; format: "jpg" | "png"; quality: number | null; sha256: string; box: CropBox | null }
  | { ok: false; reason: string };

export const JPEG_QUALITY = { start: 90, floor: 40 } as const;

type Target = Pick<Placement, "width" | "height" | "maxBytes" | "formats">;

/** A source image decoded once: a pack derives several placements from it without decoding it again. */
export interface DecodedSource {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export async function decodeSource(bytes: Buffer): Promise<DecodedSource> {
  const { data, info } = await sharp(bytes).toColourspace("srgb").removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 };
}

export async function deriveAsset(
  input: Buffer | DecodedSource,
  placement: Target,
  fill: Fill = { mode: "crop" },
  format?: "jpg" | "png",
): Promise<DerivedAsset> {
  const { width: W, height: H } = placement;
  let decoded: DecodedSource;
  try {
    decoded = Buffer.isBuffer(input) ? await decodeSource(input) : input;
  } catch {
    return { ok: false, reason: "The source image could not be read." };
  }
  const { width: sw, height: sh } = decoded;
  const source = () => sharp(decoded.data, { raw: { width: sw, height: sh, channels: decoded.channels } });

  let pixels: Sharp;
  let box: CropBox | null = null;
  if (fill.mode === "crop") {
    box = fill.box ? fitBox(fill.box, sw, sh, W / H) : fill.focal ? boxAround(fill.focal, sw, sh, W / H) : await attentionBox(source(), sw, sh, W, H);
    pixels = source().extract(box).resize(W, H, { fit: "fill" });
  } else {
    const foreground = await source()
      .resize(W, H, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
    const ground =
      fill.background === "blur"
        ? source()
            .resize(W, H, { fit: "cover" })
            .blur(Math.max(8, Math.round(Math.min(W, H) / 20)))
        : sharp({ create: { width: W, height: H, channels: 3, background: /^#[0-9a-f]{6}$/i.test(fill.background) ? fill.background : "#ffffff" } });
    pixels = sharp(await ground.png().toBuffer()).composite([{ input: foreground }]);
  }
  // Decoded once; every encoding attempt starts from the same sRGB pixels (no metadata is carried over).
  const raw = await pixels.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const encoder = () => sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });
  const kind = format ?? (placement.formats.includes("jpg") ? "jpg" : "png");
  const encoded = kind === "png" ? await pngUnder(encoder, placement.maxBytes) : await jpegUnder(encoder, placement.maxBytes);
  if ("reason" in encoded) return { ok: false, reason: encoded.reason };
  return {
    ok: true,
    bytes: encoded.bytes,
    width: W,
    height: H,
    format: kind,
    quality: encoded.quality,
    sha256: createHash("sha256").update(encoded.bytes).digest("hex"),
    box,
  };
}

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

/** The highest JPEG quality whose file fits the cap (binary search between the floor and the start). */
async function jpegUnder(encoder: () => Sharp, maxBytes: number): Promise<{ bytes: Buffer; quality: number } | { reason: string }> {
  // libjpeg-turbo, not mozjpeg: several times faster, and the cap search only needs the size to fall with quality.
  const at = (quality: number) => encoder().jpeg({ quality, chromaSubsampling: "4:2:0" }).toBuffer();
  const first = await at(JPEG_QUALITY.start);
  if (first.length <= maxBytes) return { bytes: first, quality: JPEG_QUALITY.start };
  const floor = await at(JPEG_QUALITY.floor);
  if (floor.length > maxBytes) return { reason: `Even at JPEG quality ${JPEG_QUALITY.floor} the file is ${kb(floor.length)}, over the ${kb(maxBytes)} cap.` };
  let best: { bytes: Buffer; quality: number } = { bytes: floor, quality: JPEG_QUALITY.floor };
  let low = JPEG_QUALITY.floor + 1;
  let high = JPEG_QUALITY.start - 1;
  while (low <= high) {
    const quality = Math.floor((low + high) / 2);
    const bytes = await at(quality);
    if (bytes.length <= maxBytes) {
      best = { bytes, quality };
      low = quality + 1;
    } else high = quality - 1;
  }
  return best;
}

/** Lossless PNG, or a 256-colour palette when that does not fit; failing both, the reason. */
async function pngUnder(encoder: () => Sharp, maxBytes: number): Promise<{ bytes: Buffer; quality: null } | { reason: string }> {
  const lossless = await encoder().png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  if (lossless.length <= maxBytes) return { bytes: lossless, quality: null };
  const palette = await encoder().png({ palette: true, quality: 90, compressionLevel: 9 }).toBuffer();
  if (palette.length <= maxBytes) return { bytes: palette, quality: null };
  return { reason: `Even as a 256-colour PNG the file is ${kb(palette.length)}, over the ${kb(maxBytes)} cap: choose JPEG.` };
}

/** A box of the placement's shape (the largest, unless `size` is given) centred as near the focal point as the source allows. */
export function boxAround(focal: { x: number; y: number }, sw: number, sh: number, ratio: number, size?: { width: number; height: number }): CropBox {
  const width = size?.width ?? Math.min(sw, Math.round(sh * ratio));
  const height = size?.height ?? Math.min(sh, Math.round(width / ratio));
  const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(v, 0), max));
  const fx = Math.min(Math.max(focal.x, 0), 1);
  const fy = Math.min(Math.max(focal.y, 0), 1);
  return { left: clamp(fx * sw - width / 2, sw - width), top: clamp(fy * sh - height / 2, sh - height), width, height };
}

/** A box the user drew, kept inside the source and at the placement's shape (its centre and width win). */
export function fitBox(box: CropBox, sw: number, sh: number, ratio: number): CropBox {
  const width = Math.max(1, Math.min(sw, Math.round(box.width), Math.round(sh * ratio)));
  const height = Math.max(1, Math.min(sh, Math.round(width / ratio)));
  return boxAround({ x: (box.left + box.width / 2) / sw, y: (box.top + box.height / 2) / sh }, sw, sh, ratio, { width, height });
}

/**
 * Where sharp's attention strategy would crop: a cover crop to the placement's shape at a small size (the
 * box is the same largest box of that shape at any size), its offset scaled back to the source.
 */
async function attentionBox(source: Sharp, sw: number, sh: number, W: number, H: number): Promise<CropBox> {
  const small = 256 / Math.max(W, H);
  const cw = Math.max(1, Math.round(W * small));
  const ch = Math.max(1, Math.round(H * small));
  const { info } = await source.resize(cw, ch, { fit: "cover", position: sharp.strategy.attention }).toBuffer({ resolveWithObject: true });
  const k = Math.max(cw / sw, ch / sh);
  const offset = info as { cropOffsetLeft?: number; cropOffsetTop?: number };
  // sharp reports the offset negated (the position of the image relative to the crop).
  const left = Math.abs(offset.cropOffsetLeft ?? 0);
  const top = Math.abs(offset.cropOffsetTop ?? 0);
  return boxAround({ x: (left + cw / 2) / (sw * k), y: (top + ch / 2) / (sh * k) }, sw, sh, W / H);
}
