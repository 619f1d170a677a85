"use server";
import { createKit, suggestFromUpload, updateKit, type KitView } from "../brand-kits";
import type { KitColour } from "../brand-kits/compose";
import { authedAction, type Result } from "./safe-action";

/** Saves the kit form: a new kit, or a new version of `id`. */
export const saveKitAction = authedAction(async (actor, id: string | null, input: unknown): Promise<Result<{ kit: KitView }>> => {
  const saved = id === null ? await createKit(actor, input) : await updateKit(actor, String(id), input);
  return saved.ok ? { ok: true, kit: saved.kit } : { ok: false, error: saved.error, fieldErrors: saved.fieldErrors };
});

/** Colours suggested from an uploaded logo, to start the kit's palette from. */
export const suggestPaletteAction = authedAction(async (actor, uploadId: string): Promise<Result<{ palette: KitColour[] }>> => {
  return suggestFromUpload(actor, String(uploadId));
});
