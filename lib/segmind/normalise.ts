/**
 * Segmind's `output` has no single shape: a URL string, a list of URLs, `{ images: [{ url }] }`, or base64
 * (bare or as a data URL). This turns any of them into our own type: a list of images, each either bytes
 * already in hand or a URL still to fetch, plus the text a TEXT_AND_IMAGE run returns.
 */
import { sniffImageType } from "../images/image-type";

export type OutputImage = { kind: "url"; url: string; contentType?: string } | { kind: "bytes"; bytes: Buffer; contentType: string };

export interface NormalisedOutput {
  images: OutputImage[];
  text?: string;
}

export class UnreadableOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableOutputError";
  }
}

/** `body` is the whole final response; the output may sit under `output`, or be the body itself. */
export function normaliseOutput(body: unknown): NormalisedOutput {
  const record = isRecord(body) ? body : {};
  const output = decodeJsonString("output" in record ? record.output : body);
  const images: OutputImage[] = [];
  const texts: string[] = [];
  collect(output, images, texts, 0);
  for (const key of ["text", "text_output", "message"] as const) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) texts.push(value.trim());
  }
  if (images.length === 0) throw new UnreadableOutputError("The result holds no image.");
  const text = [...new Set(texts)].join("\n\n") || undefined;
  return { images, text };
}

/** An `output` that is itself JSON text (`"{\"images\": …}"`, `"[\"https://…\"]"`) is read as that JSON. */
function decodeJsonString(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function collect(value: unknown, images: OutputImage[], texts: string[], depth: number): void {
  if (depth > 4 || value == null) return;
  if (typeof value === "string") {
    const image = imageFromString(value);
    if (image) images.push(image);
    else if (value.trim()) texts.push(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, images, texts, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  const contentType = stringField(value, ["content_type", "contentType", "mime_type", "mimeType"]);
  const url = stringField(value, ["url", "image_url", "uri"]);
  const base64 = stringField(value, ["b64_json", "base64", "b64", "data"]);
  if (url) {
    const image = imageFromString(url);
    if (image) images.push(image.kind === "url" && contentType ? { ...image, contentType } : image);
  } else if (base64) {
    const image = imageFromString(base64);
    if (image) images.push(image);
  }
  for (const key of ["images", "image", "output", "outputs", "urls", "image_urls", "data"] as const) {
    if (key in value && value[key] !== base64) collect(value[key], images, texts, depth + 1);
  }
  for (const key of ["text", "text_output", "description"] as const) {
    const text = value[key];
    if (typeof text === "string" && text.trim()) texts.push(text.trim());
  }
}

function imageFromString(value: string): OutputImage | null {
  const trimmed = value.trim();
  if (/^https?:\/\//i.test(trimmed)) return { kind: "url", url: trimmed };
  const dataUrl = /^data:([\w/+.-]+);base64,(.*)$/s.exec(trimmed);
  const payload = dataUrl ? dataUrl[2]! : trimmed;
  // Bare base64 is only believed when it decodes to a known image type; prose is left as text.
  if (payload.length < 64 || !/^[A-Za-z0-9+/=\s_-]+$/.test(payload)) return null;
  const bytes = Buffer.from(payload, "base64");
  const sniffed = sniffImageType(bytes);
  if (!sniffed) return null;
  return { kind: "bytes", bytes, contentType: sniffed };
}

function stringField(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
