"use server";
/** Share links for an image, a board or a pack: made on request, ended at once. */
import { createShareLink, revokeShareLink, sharePath, type ShareTarget } from "../library/sharing";
import { authedAction, type Result } from "./safe-action";

export const shareAction = authedAction(async (actor, target: ShareTarget, on: boolean, approvedOnly?: boolean): Promise<Result<{ path: string | null }>> => {
  if (!target || !["image", "board", "pack"].includes(target.kind)) return { ok: false, error: "Choose an image, a board or a pack to share." };
  const clean: ShareTarget = { kind: target.kind, id: String(target.id) };
  if (!on) {
    const revoked = await revokeShareLink(actor, clean);
    return revoked.ok ? { ok: true, path: null } : revoked;
  }
  const created = await createShareLink(actor, clean, { approvedOnly: approvedOnly === true });
  return created.ok ? { ok: true, path: sharePath(created.link.token) } : created;
});
