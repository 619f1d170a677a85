/**
 * Draws the simulator's "generations": a seed-coloured composition at the exact output size, with the
 * prompt, seed and settings written in, and the references shown as thumbnails, so a person can tell
 * results apart at a glance. Everything is a pure function of its inputs, so the same recipe gives the
 * same bytes and a new seed gives a new picture.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { OutputFormat } from "../catalog";
import { briefOf } from "../../copy";

export interface RenderInput {
  model: string;
  prompt: string;
  seed: number;
  aspectRatio: string;
  resolution: string;
  width: number;
  height: number;
  format: OutputFormat;
  /** Everything else that was asked for: it changes the picture's fingerprint. */
  params: Record<string, unknown>;
  references: Buffer[];
  /** Ad copy to draw legibly (what the prompt asked for), and where; none: the prompt is written in instead. */
  copy?: { lines: { text: string; role: "headline" | "body" | "small" }[]; zone: "top" | "bottom" };
  /** Colours to paint in (`#RRGGBB`): a brand palette the prompt names; none: the seed's own colours. */
  palette?: string[];
}

export function fingerprint(input: Omit<RenderInput, "references" | "copy" | "palette"> & { references: Buffer[] }): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([input.model, input.prompt, input.seed, input.aspectRatio, input.resolution, input.format, sortKeys(input.params)]));
  for (const reference of input.references) hash.update(createHash("sha256").update(reference).digest());
  return hash.digest("hex");
}

export async function renderImage(input: RenderInput): Promise<Buffer> {
  const random = mulberry32(Number.parseInt(fingerprint(input).slice(0, 8), 16));
  const { width, height } = input;
  const unit = Math.min(width, height);
  // The seed alone picks the palette, so one seed keeps its colours across prompts.
  const hue = input.seed % 360;
  const hue2 = (hue + 40 + Math.floor(random() * 120)) % 360;
  const palette = input.palette?.length ? input.palette : null;
  const background = palette ? palette[0]! : "url(#bg)";

  const shapes: string[] = [];
  for (let i = 0; i < 9; i++) {
    const cx = Math.round(random() * width);
    const cy = Math.round(random() * height);
    const r = Math.round(unit * (0.08 + random() * 0.35));
    const h = (hue + Math.floor(random() * 180)) % 360;
    const opacity = (0.25 + random() * 0.45).toFixed(2);
    // A palette is kept to: its colours, solid, so no blend of them drifts off it.
    // The first colour is the ground; the shapes take the others in turn.
    const paint = palette ? `fill="${palette.length > 1 ? palette[1 + (i % (palette.length - 1))] : palette[0]}"` : null;
    shapes.push(
      i % 3 === 0
        ? `<rect x="${cx - r}" y="${cy - r}" width="${r * 2}" height="${r * 2}" rx="${Math.round(r / 4)}" transform="rotate(${Math.round(random() * 90)} ${cx} ${cy})" ${paint ?? `fill="hsl(${h},70%,60%)" fill-opacity="${opacity}"`}/>`
        : `<circle cx="${cx}" cy="${cy}" r="${r}" ${paint ?? `fill="hsl(${h},75%,62%)" fill-opacity="${opacity}"`}/>`,
    );
  }

  const fontSize = Math.max(12, Math.round(unit * 0.042));
  const pad = Math.round(unit * 0.06);
  const textWidth = width - pad * 4;
  const maxLines = Math.max(2, Math.floor((height * 0.5) / (fontSize * 1.3)));
  // The brief only: a copy block is drawn as copy (or, told to draw no text, not at all).
  const lines = wrap(briefOf(input.prompt), Math.max(8, Math.floor(textWidth / (fontSize * 0.56))), maxLines);
  const boxHeight = Math.round(lines.length * fontSize * 1.3 + pad * 1.2);
  const boxY = Math.round((height - boxHeight) / 2);
  const text = lines
    .map((line, i) => `<text x="${pad * 2}" y="${Math.round(boxY + pad * 0.6 + fontSize * (i + 1) * 1.3 - fontSize * 0.3)}">${escapeXml(line)}</text>`)
    .join("");

  const small = Math.max(10, Math.round(fontSize * 0.7));
  const seedSize = Math.max(14, Math.round(unit * 0.09));
  const footer = `${input.model} · ${input.aspectRatio} · ${input.resolution} · ${width}×${height}`;

  // References as thumbnails in a corner the copy does not use.
  const thumbSize = Math.round(unit * 0.16);
  const thumbs = await referenceThumbs(input.references, thumbSize, pad, input.copy?.zone === "top" ? height - pad - thumbSize : pad);
  const copy = input.copy ? copyPanel(input.copy, width, height, pad) : null;

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},65%,42%)"/><stop offset="1" stop-color="hsl(${hue2},60%,18%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="${background}"/>
${shapes.join("\n")}
${
  copy ??
  `<rect x="${pad}" y="${boxY}" width="${width - pad * 2}" height="${boxHeight}" rx="${Math.round(pad / 3)}" fill="#000" fill-opacity="0.45"/>
<g font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" fill="#fff">${text}</g>
<text x="${pad}" y="${height - pad - small * 1.6}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${seedSize}" fill="#fff">seed ${input.seed}</text>
<text x="${pad}" y="${height - pad * 0.6}" font-family="DejaVu Sans, sans-serif" font-size="${small}" fill="#fff" fill-opacity="0.85">${escapeXml(footer)}</text>`
}
${thumbs}
</svg>`;

  const image = sharp(Buffer.from(svg), { density: 72 }).resize(width, height, { fit: "fill" }).flatten({ background: "#000" });
  return input.format === "png" ? image.png({ compressionLevel: 6 }).toBuffer() : image.jpeg({ quality: 88, mozjpeg: false }).toBuffer();
}

/**
 * The copy on a white panel in black, sized to fit the frame's width: what a good render of an ad's text looks
 * like, and what OCR can read. `bottom` puts it in the bottom fifth (where Stories' buttons sit).
 */
function copyPanel(copy: NonNullable<RenderInput["copy"]>, width: number, height: number, pad: number): string {
  const unit = Math.min(width, height);
  const inner = width - pad * 4;
  const sizes = copy.lines.map(({ text, role }) => {
    const wanted = unit * (role === "headline" ? 0.085 : role === "body" ? 0.05 : 0.032);
    // DejaVu Sans Bold is about 0.68 em per character on average: never wider than the panel.
    return Math.max(10, Math.round(Math.min(wanted, inner / Math.max(1, text.length * 0.68))));
  });
  const gap = Math.round(unit * 0.02);
  const panelHeight = sizes.reduce((sum, size) => sum + size * 1.25 + gap, 0) + pad;
  const top = copy.zone === "bottom" ? Math.round(height - panelHeight - pad * 0.3) : pad;
  let y = top + pad / 2;
  const lines = copy.lines.map(({ text }, i) => {
    y += sizes[i]! * 1.05;
    const line = `<text x="${pad * 2}" y="${Math.round(y)}" font-size="${sizes[i]}">${escapeXml(text)}</text>`;
    y += sizes[i]! * 0.2 + gap;
    return line;
  });
  return `<rect x="${pad}" y="${top}" width="${width - pad * 2}" height="${Math.round(panelHeight)}" rx="${Math.round(pad / 3)}" fill="#fff"/>
<g font-family="DejaVu Sans, sans-serif" font-weight="bold" fill="#111">${lines.join("")}</g>`;
}

async function referenceThumbs(references: Buffer[], size: number, pad: number, y: number): Promise<string> {
  const parts: string[] = [];
  for (const [i, reference] of references.entries()) {
    try {
      const thumb = await sharp(reference).resize(size, size, { fit: "cover" }).png().toBuffer();
      const x = pad + i * (size + pad / 3);
      parts.push(
        `<image x="${x}" y="${y}" width="${size}" height="${size}" href="data:image/png;base64,${thumb.toString("base64")}"/>` +
          `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="none" stroke="#fff" stroke-width="${Math.max(1, size / 40)}"/>`,
      );
    } catch {
      // An unreadable reference is drawn as an empty frame rather than failing the picture.
    }
  }
  return parts.join("");
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) lines.push(line);
  if (lines.length === maxLines && words.join(" ").length > lines.join(" ").length) {
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, Math.max(0, width - 1))}…`;
  }
  return lines;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
