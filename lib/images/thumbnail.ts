import sharp from "./sharp";

/**
 * The gallery's thumbnail of an image: sized for its justified rows, which are up to 240 CSS px high, so 480 px
 * high covers a 2× screen; the width follows the shape (capped for panoramas). WebP, never enlarged.
 */
export const THUMB_HEIGHT = 480;
const THUMB_MAX_WIDTH = 1280;

export function makeThumbnail(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).resize({ width: THUMB_MAX_WIDTH, height: THUMB_HEIGHT, fit: "inside", withoutEnlargement: true }).webp({ quality: 76 }).toBuffer();
}
