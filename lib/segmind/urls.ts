/** Where Segmind lives: defined once, for the client, the config and the code snippets. */
export const SEGMIND_BASE_URL = "https://api.segmind.com";
export const SEGMIND_STORAGE_URL = "https://workflows-api.segmind.com";
/** Where Segmind serves output images from (its CDN and buckets live under its own domain). */
export const SEGMIND_IMAGE_HOSTS = ["segmind.com", "*.segmind.com"];
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/**
 * `https://api.segmind.com`, `https://api.segmind.com/` and the SDK's `https://api.segmind.com/v1` all name
 * the same API: the version is part of each path we build, not of the base.
 */
export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v[12]$/i, "");
}
