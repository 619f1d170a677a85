/**
 * A recipe carried inside the image file itself, so a downloaded image can be reproduced without the
 * studio: an iTXt chunk in a PNG, a comment segment in a JPEG. The pixels are never re-encoded; the
 * metadata is spliced into the original bytes.
 */
import { crc32 } from "node:zlib";

export const RECIPE_KEYWORD = "nano-studio:recipe";

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function embedInPng(bytes: Buffer, text: string): Buffer {
  // iTXt: keyword, NUL, no compression (0, 0), empty language tag and translated keyword, UTF-8 text.
  const data = Buffer.concat([Buffer.from(RECIPE_KEYWORD, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]);
  const ihdrEnd = 8 + 8 + bytes.readUInt32BE(8) + 4;
  return Buffer.concat([bytes.subarray(0, ihdrEnd), pngChunk("iTXt", data), bytes.subarray(ihdrEnd)]);
}

function embedInJpeg(bytes: Buffer, text: string): Buffer {
  const data = Buffer.from(text, "utf8");
  if (data.length > 65_533) throw new Error("the recipe is too long for a JPEG comment");
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(data.length + 2, 2);
  // After SOI and a JFIF/Exif APPn segment when there is one: strict readers expect APP0 first.
  let at = 2;
  if (bytes[2] === 0xff && (bytes[3]! & 0xf0) === 0xe0) at = 4 + bytes.readUInt16BE(4);
  return Buffer.concat([bytes.subarray(0, at), segment, data, bytes.subarray(at)]);
}

/** The file with the recipe (as JSON) embedded; other types come back unchanged. */
export function embedRecipe(bytes: Buffer, contentType: string, recipe: object): Buffer {
  const text = JSON.stringify(recipe);
  if (contentType === "image/png" && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return embedInPng(bytes, text);
  if (contentType === "image/jpeg" && bytes[0] === 0xff && bytes[1] === 0xd8) return embedInJpeg(bytes, text);
  return bytes;
}

/** Reads an embedded recipe back (the tests' check, and anyone's script). */
export function extractRecipe(bytes: Buffer): unknown {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    for (let at = 8; at + 8 <= bytes.length;) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString("latin1", at + 4, at + 8);
      const data = bytes.subarray(at + 8, at + 8 + length);
      if (type === "iTXt" && data.subarray(0, RECIPE_KEYWORD.length).toString("latin1") === RECIPE_KEYWORD) {
        return JSON.parse(data.subarray(RECIPE_KEYWORD.length + 5).toString("utf8"));
      }
      at += 12 + length;
    }
    return null;
  }
  for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff;) {
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xfe) {
      const text = bytes.toString("utf8", at + 4, at + 2 + length);
      if (text.startsWith("{")) return JSON.parse(text);
    }
    if (marker === 0xda) break; // start of scan: no more metadata
    at += 2 + length;
  }
  return null;
}
