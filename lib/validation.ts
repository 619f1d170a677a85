/**
 * Text PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair (which JSON allows as
 * `\ud800`). Refused at the edge with a 400 that names the field, instead of a 500 from the database.
 */
import { z } from "zod";

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export function unstorableMessage(field: string): string {
  return `${field} contains a character that cannot be stored (a NUL or a broken Unicode character). Remove it and try again.`;
}

/** A string schema that also refuses unstorable characters, naming `field`. */
export function safeText<T extends z.ZodType<string>>(field: string, schema: T) {
  return schema.refine(isStorableText, unstorableMessage(field));
}

/**
 * The first place in a parsed JSON body holding unstorable text (in a value or a key), as a path such as
 * `prompt` or `copy.headline`; null when all is well.
 */
export function findUnstorableText(value: unknown, path = ""): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path || "body";
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return `a key (${JSON.stringify(key)})`;
      const found = findUnstorableText(item, here);
      if (found) return found;
    }
  }
  return null;
}
