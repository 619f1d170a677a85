/**
 * A brand kit as the prompt sees it (issue 14): its style and palette as one visible, editable paragraph of the
 * prompt, and the rules the studio and the checks share (banned words, limits). Pure: the studio previews the
 * block with it, the server composes the same block, the simulator reads the palette back out of a prompt.
 */
import { normalise } from "../copy";

export const MAX_KIT_COLOURS = 8;
export const MAX_KIT_IMAGES = 6;
export const MAX_BANNED = 50;
export const MAX_STYLE_LENGTH = 600;

export interface KitColour {
  /** `#RRGGBB`, upper case. */
  hex: string;
  name: string;
}

export type KitImageRole = "logo" | "product";
export interface KitImage {
  uploadId: string;
  sha256: string;
  role: KitImageRole;
}

/** What one version of a kit holds: what a run made with it is held to. */
export interface KitContent {
  name: string;
  palette: KitColour[];
  style: string;
  legal: string;
  banned: string[];
  images: KitImage[];
}

const BLOCK = /^Brand kit “[^”\n]*”[^\n]*(?:\n(?!\n)[^\n]*)*/m;

/** The paragraph a kit adds to the prompt: its look and voice, then its colours by name and hex. */
export function kitBlock(kit: Pick<KitContent, "name" | "style" | "palette">): string {
  const style = kit.style.trim().replace(/\s+/g, " ");
  const palette = kit.palette.map((c) => `${c.name} ${c.hex}`).join(", ");
  return [`Brand kit “${kit.name.replace(/[”\n]/g, "")}”${style ? ` — style: ${style}` : ""}`, palette ? `Palette: ${palette}. Keep to these colours.` : ""]
    .filter(Boolean)
    .join("\n");
}

/** Whether a prompt already carries a kit's paragraph (as sent by the studio, perhaps edited there). */
export function hasKitBlock(prompt: string): boolean {
  return BLOCK.test(prompt);
}

/**
 * The prompt with this kit's paragraph: a paragraph already there (another kit's, or an edited one) is
 * replaced when `replace`, kept otherwise; none is appended after the brief.
 */
export function withKitBlock(prompt: string, kit: Pick<KitContent, "name" | "style" | "palette"> | null, { replace = false } = {}): string {
  if (hasKitBlock(prompt)) {
    if (!replace) return prompt;
    const without = prompt
      .replace(BLOCK, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    return kit ? withKitBlock(without, kit) : without;
  }
  if (!kit) return prompt;
  const brief = prompt.trimEnd();
  return brief ? `${brief}\n\n${kitBlock(kit)}` : kitBlock(kit);
}

/** The `#RRGGBB` colours a prompt's palette line names (what the simulator paints with). */
export function paletteInPrompt(prompt: string): string[] {
  const line = /^Palette: (.*)$/m.exec(prompt)?.[1] ?? "";
  return [...line.matchAll(/#[0-9a-f]{6}\b/gi)].map((m) => m[0].toUpperCase());
}

/** The banned words and claims a text contains, as the kit spells them (whole words, case and accents aside). */
export function bannedIn(text: string, banned: string[]): string[] {
  const haystack = ` ${fold(text)} `;
  return banned.filter((term) => {
    const needle = fold(term);
    return needle !== "" && haystack.includes(` ${needle} `);
  });
}

function fold(text: string): string {
  return normalise(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/[.,']/g, " ").replace(/\s+/g, " ").trim();
}

/** `#rgb`, `rgb`, `#RRGGBB` or `RRGGBB` as `#RRGGBB`; null when it is not a colour. */
export function normaliseHex(value: string): string | null {
  const hex = value.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex))
    return `#${[...hex]
      .map((c) => c + c)
      .join("")
      .toUpperCase()}`;
  return /^[0-9a-f]{6}$/i.test(hex) ? `#${hex.toUpperCase()}` : null;
}
