/**
 * The ad placements a pack can target, as data: the platforms' published specs (Meta Ads Guide, Google Ads
 * asset requirements, TikTok, YouTube, LinkedIn, Pinterest, X, IAB New Ad Portfolio), checked on CHECKED_ON.
 * Platforms change these: one edit here updates every pack. Keep-out zones are fractions of the placement's
 * height (top, bottom) or width (left, right) where no headline, logo or call to action should sit.
 * Plain module: the browser shows it too. What is derived from it lives in ./index.ts.
 */

export const CHECKED_ON = "2026-11-25";

export type PlacementFormat = "jpg" | "png" | "gif";

export interface KeepOut {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  note: string;
}

export interface Placement {
  id: string;
  platform: string;
  name: string;
  width: number;
  height: number;
  formats: readonly PlacementFormat[];
  maxBytes: number;
  keepOut?: KeepOut;
  text?: string;
}

const MB = 1024 * 1024;
const KB = 1024;
const PHOTO = ["jpg", "png"] as const;
const WITH_GIF = ["jpg", "png", "gif"] as const;

const STORIES: KeepOut = { top: 0.14, bottom: 0.2, note: "Profile bar at the top, reply box and call to action at the bottom." };
const REELS: KeepOut = { top: 0.14, bottom: 0.35, left: 0.06, right: 0.06, note: "Caption and buttons cover the lower third." };
const GOOGLE: KeepOut = { top: 0.1, bottom: 0.1, left: 0.1, right: 0.1, note: "Google may crop up to 5% a side: keep key content in the centre 80%." };
const META_TEXT = "No hard rule since 2020, but images with under 20% text tend to perform better.";
const GOOGLE_TEXT = "Text should cover at most 20% of the image; give at least one image per ratio with no overlaid text or logo.";
const IAB_TEXT = "150 KB is the usual first-load cap.";

export const PLACEMENTS: readonly Placement[] = [
  { id: "meta-feed-square", platform: "Meta", name: "Feed square", width: 1080, height: 1080, formats: PHOTO, maxBytes: 30 * MB, text: META_TEXT },
  { id: "meta-feed-portrait", platform: "Meta", name: "Feed portrait", width: 1080, height: 1350, formats: PHOTO, maxBytes: 30 * MB, text: META_TEXT },
  { id: "meta-stories", platform: "Meta", name: "Stories", width: 1080, height: 1920, formats: PHOTO, maxBytes: 30 * MB, keepOut: STORIES, text: META_TEXT },
  {
    id: "meta-reels",
    platform: "Meta",
    name: "Reels cover / image",
    width: 1080,
    height: 1920,
    formats: PHOTO,
    maxBytes: 30 * MB,
    keepOut: REELS,
    text: META_TEXT,
  },
  { id: "meta-link", platform: "Meta", name: "Link ad / right column", width: 1200, height: 628, formats: PHOTO, maxBytes: 30 * MB, text: META_TEXT },
  {
    id: "tiktok-in-feed",
    platform: "TikTok",
    name: "In-feed",
    width: 1080,
    height: 1920,
    formats: PHOTO,
    maxBytes: 100 * MB,
    keepOut: { top: 0.13, bottom: 0.35, right: 0.12, note: "TikTok says only “keep key elements in the middle”; these are conservative third-party figures." },
  },
  {
    id: "youtube-thumbnail",
    platform: "YouTube",
    name: "Thumbnail",
    width: 1280,
    height: 720,
    formats: PHOTO,
    maxBytes: 2 * MB,
    keepOut: { bottom: 0.15, right: 0.18, note: "Only the bottom-right corner: the duration stamp." },
  },
  {
    id: "google-landscape",
    platform: "Google Ads",
    name: "PMax / Display / Demand Gen landscape",
    width: 1200,
    height: 628,
    formats: PHOTO,
    maxBytes: 5 * MB,
    keepOut: GOOGLE,
    text: GOOGLE_TEXT,
  },
  {
    id: "google-square",
    platform: "Google Ads",
    name: "PMax / Display square",
    width: 1200,
    height: 1200,
    formats: PHOTO,
    maxBytes: 5 * MB,
    keepOut: GOOGLE,
    text: GOOGLE_TEXT,
  },
  {
    id: "google-portrait",
    platform: "Google Ads",
    name: "PMax / Demand Gen portrait",
    width: 960,
    height: 1200,
    formats: PHOTO,
    maxBytes: 5 * MB,
    keepOut: GOOGLE,
    text: GOOGLE_TEXT,
  },
  { id: "linkedin-landscape", platform: "LinkedIn", name: "Sponsored content landscape", width: 1200, height: 628, formats: WITH_GIF, maxBytes: 5 * MB },
  { id: "linkedin-square", platform: "LinkedIn", name: "Sponsored content square", width: 1200, height: 1200, formats: WITH_GIF, maxBytes: 5 * MB },
  { id: "linkedin-vertical", platform: "LinkedIn", name: "Sponsored content vertical", width: 720, height: 900, formats: WITH_GIF, maxBytes: 5 * MB },
  {
    id: "pinterest-standard",
    platform: "Pinterest",
    name: "Standard pin",
    width: 1000,
    height: 1500,
    formats: PHOTO,
    maxBytes: 20 * MB,
    keepOut: { bottom: 0.12, right: 0.2, note: "Only the bottom-right corner: Pinterest's own buttons." },
  },
  { id: "x-square", platform: "X", name: "Image ad square", width: 1200, height: 1200, formats: PHOTO, maxBytes: 5 * MB },
  { id: "x-landscape", platform: "X", name: "Image ad landscape", width: 1200, height: 628, formats: PHOTO, maxBytes: 5 * MB },
  {
    id: "iab-medium-rectangle",
    platform: "IAB display",
    name: "Medium rectangle",
    width: 300,
    height: 250,
    formats: WITH_GIF,
    maxBytes: 150 * KB,
    text: IAB_TEXT,
  },
  { id: "iab-leaderboard", platform: "IAB display", name: "Leaderboard", width: 728, height: 90, formats: WITH_GIF, maxBytes: 150 * KB, text: IAB_TEXT },
  {
    id: "iab-wide-skyscraper",
    platform: "IAB display",
    name: "Wide skyscraper",
    width: 160,
    height: 600,
    formats: WITH_GIF,
    maxBytes: 150 * KB,
    text: IAB_TEXT,
  },
  { id: "iab-half-page", platform: "IAB display", name: "Half page", width: 300, height: 600, formats: WITH_GIF, maxBytes: 150 * KB, text: IAB_TEXT },
  { id: "iab-billboard", platform: "IAB display", name: "Billboard", width: 970, height: 250, formats: WITH_GIF, maxBytes: 150 * KB, text: IAB_TEXT },
  {
    id: "iab-mobile-banner",
    platform: "IAB display",
    name: "Mobile banner",
    width: 320,
    height: 50,
    formats: WITH_GIF,
    maxBytes: 150 * KB,
    text: "150 KB at Google; 50 KB under IAB's own guideline.",
  },
  {
    id: "iab-large-mobile-banner",
    platform: "IAB display",
    name: "Large mobile banner",
    width: 320,
    height: 100,
    formats: WITH_GIF,
    maxBytes: 150 * KB,
    text: IAB_TEXT,
  },
];

/** Named groups a marketer picks at once; "everything" is every placement. */
export const PRESETS: Readonly<Record<string, { label: string; ids: readonly string[] }>> = {
  meta: { label: "Meta", ids: ["meta-feed-square", "meta-feed-portrait", "meta-stories", "meta-reels", "meta-link"] },
  google: { label: "Google Ads", ids: ["google-landscape", "google-square", "google-portrait"] },
  tiktok: { label: "TikTok", ids: ["tiktok-in-feed"] },
  youtube: { label: "YouTube thumbnail", ids: ["youtube-thumbnail"] },
  linkedin: { label: "LinkedIn", ids: ["linkedin-landscape", "linkedin-square", "linkedin-vertical"] },
  pinterest: { label: "Pinterest", ids: ["pinterest-standard"] },
  x: { label: "X", ids: ["x-square", "x-landscape"] },
  iab: {
    label: "IAB display",
    ids: ["iab-medium-rectangle", "iab-leaderboard", "iab-wide-skyscraper", "iab-half-page", "iab-billboard", "iab-mobile-banner", "iab-large-mobile-banner"],
  },
  everything: { label: "Everything", ids: PLACEMENTS.map((p) => p.id) },
};
