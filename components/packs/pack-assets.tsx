"use client";
/**
 * A pack's assets by platform: each at its true shape with its pixels and bytes against the cap, the keep-out
 * zones drawn over it on request, and a focal point to move (a click on the preview) — derived again on the
 * server without asking Segmind. Follows the pack until every asset is done.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AssetView, PackView } from "@/lib/packs";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export function PackAssets({ initial }: { initial: PackView }) {
  const queryClient = useQueryClient();
  const [overlay, setOverlay] = useState(false);
  const { data } = useQuery({
    queryKey: ["pack", initial.id],
    initialData: initial,
    queryFn: async () => (await (await fetch(`/api/v1/packs/${initial.id}?wait=15000`)).json()) as PackView,
    refetchInterval: (query) => (query.state.data?.done ? false : 1),
  });
  const pack = data ?? initial;
  const platforms = [...new Set(pack.assets.map((a) => a.platform))];
  return (
    <div className="space-y-6">
      <label className="flex w-fit items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={overlay}
          onChange={(e) => setOverlay(e.target.checked)}
          className="accent-[rgb(var(--accent))]"
          data-testid="keep-out-toggle"
        />
        Show keep-out zones (where a platform's buttons cover the picture)
      </label>
      {platforms.map((platform) => (
        <section key={platform} aria-labelledby={`platform-${platform}`}>
          <h2 id={`platform-${platform}`} className="mb-3 text-sm font-semibold">
            {platform}
          </h2>
          <ul className="flex flex-wrap items-start gap-4">
            {pack.assets
              .filter((a) => a.platform === platform)
              .map((asset) => (
                <AssetCard
                  key={asset.id}
                  packId={pack.id}
                  asset={asset}
                  overlay={overlay}
                  onChanged={(next) => queryClient.setQueryData(["pack", pack.id], { ...pack, assets: pack.assets.map((a) => (a.id === next.id ? next : a)) })}
                />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function AssetCard({ packId, asset, overlay, onChanged }: { packId: string; asset: AssetView; overlay: boolean; onChanged: (asset: AssetView) => void }) {
  const canEdit = useCan("edit");
  const [busy, setBusy] = useState(false);
  // Previews share one height band so a leaderboard and a story sit side by side at their true shapes.
  const height = Math.min(260, Math.max(60, 260 * Math.min(1, asset.height / asset.width)));
  const width = Math.round((height * asset.width) / asset.height);
  const rederive = async (fill: Record<string, unknown>) => {
    setBusy(true);
    const response = await fetch(`/api/v1/packs/${packId}/assets/${asset.placementId}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fill),
    });
    setBusy(false);
    const body = (await response.json()) as AssetView & { error?: string };
    if (!response.ok) return toast(body.error ?? "The crop could not be changed.");
    onChanged(body);
  };
  const zone = asset.keepOut;
  return (
    <li className="min-w-0 max-w-full space-y-1.5" data-testid="pack-asset" data-placement={asset.placementId} data-status={asset.status}>
      <div
        className={`relative overflow-hidden rounded-control border border-line bg-raised ${canEdit && asset.status === "ready" ? "cursor-crosshair" : ""}`}
        style={{ width: Math.min(width, 560), maxWidth: "100%", aspectRatio: `${asset.width} / ${asset.height}` }}
        title={canEdit ? "Click to centre the crop here (free: Segmind is not asked)" : undefined}
        onClick={(event) => {
          if (!canEdit || busy || asset.status !== "ready") return;
          const rect = event.currentTarget.getBoundingClientRect();
          // The click is on the derived image, i.e. inside the crop box: the box moves to centre on it (the server
          // keeps it inside the source).
          const box = asset.cropBox;
          if (!box) return;
          const cx = box.left + ((event.clientX - rect.left) / rect.width) * box.width;
          const cy = box.top + ((event.clientY - rect.top) / rect.height) * box.height;
          const moved = {
            left: Math.max(0, Math.round(cx - box.width / 2)),
            top: Math.max(0, Math.round(cy - box.height / 2)),
            width: box.width,
            height: box.height,
          };
          void rederive({ box: moved }).catch(() => undefined);
        }}
      >
        {asset.url ? (
          // eslint-disable-next-line @next/next/no-img-element -- the derived file itself, from our own route
          <img src={asset.url} alt="" className="h-full w-full object-cover" />
        ) : (
          <div className="flex h-full items-center justify-center p-2 text-center text-2xs text-muted">
            {asset.status === "failed" ? asset.error : "Waiting for its source…"}
          </div>
        )}
        {overlay && zone ? (
          <div className="pointer-events-none absolute inset-0" data-testid="keep-out">
            {zone.top ? <div className="absolute inset-x-0 top-0 bg-danger/35" style={{ height: `${zone.top * 100}%` }} /> : null}
            {zone.bottom ? <div className="absolute inset-x-0 bottom-0 bg-danger/35" style={{ height: `${zone.bottom * 100}%` }} /> : null}
            {zone.left ? <div className="absolute inset-y-0 left-0 bg-danger/35" style={{ width: `${zone.left * 100}%` }} /> : null}
            {zone.right ? <div className="absolute inset-y-0 right-0 bg-danger/35" style={{ width: `${zone.right * 100}%` }} /> : null}
          </div>
        ) : null}
        {busy ? <div className="absolute inset-0 bg-canvas/50" /> : null}
      </div>
      <div className="text-xs">
        <p className="font-medium">{asset.name}</p>
        <p className="text-muted">
          {asset.width}×{asset.height}
          {asset.bytes !== null ? ` · ${kb(asset.bytes)} of ${kb(asset.maxBytes)}` : ""}
        </p>
        {asset.url ? (
          <a href={`${asset.url}&download=1`} download className={buttonClass("ghost", "-ml-2 px-2 py-0.5 text-2xs")}>
            Download
          </a>
        ) : null}
        {canEdit && asset.status !== "waiting" ? (
          <label className="mt-1 flex items-center gap-1.5 text-2xs text-muted">
            Fit
            <select
              value={asset.fill.mode === "pad" ? `pad:${String(asset.fill.background)}` : "crop"}
              disabled={busy}
              data-testid="asset-fit"
              onChange={(e) => {
                const value = e.target.value;
                void rederive(value === "crop" ? { mode: "crop" } : { mode: "pad", background: value.slice(4) });
              }}
              className="rounded-control border border-line bg-canvas px-1.5 py-0.5 text-2xs"
            >
              <option value="crop">Crop{asset.cropLoss > 0.1 ? ` (loses ${Math.round(asset.cropLoss * 100)}%)` : ""}</option>
              <option value="pad:blur">Pad with a blur of the image</option>
              <option value="pad:#ffffff">Pad with white</option>
              <option value="pad:#000000">Pad with black</option>
            </select>
          </label>
        ) : null}
      </div>
    </li>
  );
}
