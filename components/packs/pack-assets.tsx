"use client";
/**
 * A pack's assets by platform: each at its true shape with its pixels and bytes against the cap, the keep-out
 * zones drawn over it on request, and a crop to move (drag the picture, click to centre, arrow keys to nudge) —
 * derived again on the server without asking Segmind. Follows the pack until every asset is done.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AssetView, PackView } from "@/lib/packs";
import { generateOwnAction } from "@/lib/actions/pack-actions";
import { FAR_SHAPE } from "@/lib/placements";
import { buttonClass } from "../ui/button";
import { toast } from "../ui/toaster";
import { useCan } from "../workspaces/role-context";
import { usePack } from "./use-pack";

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export function PackAssets({ initial, shared = false }: { initial: PackView; shared?: boolean }) {
  const queryClient = useQueryClient();
  const [overlay, setOverlay] = useState(false);
  const pack = usePack(initial, { follow: !shared });
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
                  shared={shared}
                  sharesSource={pack.assets.some((a) => a.id !== asset.id && a.generationId === asset.generationId)}
                  onChanged={(next) => queryClient.setQueryData(["pack", pack.id], { ...pack, assets: pack.assets.map((a) => (a.id === next.id ? next : a)) })}
                />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function AssetCard({
  packId,
  asset,
  overlay,
  shared,
  sharesSource,
  onChanged,
}: {
  packId: string;
  asset: AssetView;
  overlay: boolean;
  shared: boolean;
  /** Other placements are cut from the same generation (so one of its own is possible). */
  sharesSource: boolean;
  onChanged: (asset: AssetView) => void;
}) {
  const queryClient = useQueryClient();
  const canEdit = useCan("edit") && !shared;
  const canGenerate = useCan("generate") && !shared;
  const [busy, setBusy] = useState(false);
  // While dragging: how far the picture has moved under the frame, in preview pixels.
  const [drag, setDrag] = useState<{ x: number; y: number; startX: number; startY: number } | null>(null);
  // Previews share one height band so a leaderboard and a story sit side by side at their true shapes.
  const height = Math.min(260, Math.max(60, 260 * Math.min(1, asset.height / asset.width)));
  const width = Math.round((height * asset.width) / asset.height);
  const box = asset.cropBox;
  const movable = canEdit && asset.status === "ready" && asset.fill.mode !== "pad" && box !== null;
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
  /** The crop box moved by (dx, dy) source pixels, kept inside the source. */
  const moveBy = (dx: number, dy: number) => {
    if (!box) return;
    const maxLeft = asset.source ? asset.source.width - box.width : Infinity;
    const maxTop = asset.source ? asset.source.height - box.height : Infinity;
    const left = Math.round(Math.min(Math.max(0, box.left + dx), maxLeft));
    const top = Math.round(Math.min(Math.max(0, box.top + dy), maxTop));
    if (left === box.left && top === box.top) return;
    void rederive({ box: { left, top, width: box.width, height: box.height } }).catch(() => undefined);
  };
  const zone = asset.keepOut;
  const far = asset.cropLoss > FAR_SHAPE;
  const own = async () => {
    setBusy(true);
    const result = await generateOwnAction(packId, asset.placementId, crypto.randomUUID());
    setBusy(false);
    if (!result.ok) return toast(result.error);
    await queryClient.invalidateQueries({ queryKey: ["pack", packId] });
  };
  return (
    <li className="min-w-0 max-w-full space-y-1.5" data-testid="pack-asset" data-placement={asset.placementId} data-status={asset.status}>
      <div
        className={`relative touch-none overflow-hidden rounded-control border border-line bg-raised focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${movable ? (drag ? "cursor-grabbing" : "cursor-grab") : ""}`}
        style={{ width: Math.min(width, 560), maxWidth: "100%", aspectRatio: `${asset.width} / ${asset.height}` }}
        title={movable ? "Drag to move the crop, or click to centre it there; arrow keys nudge it (free: Segmind is not asked)" : undefined}
        tabIndex={movable ? 0 : undefined}
        role={movable ? "application" : undefined}
        aria-label={movable ? `${asset.name}: crop. Arrow keys move it.` : undefined}
        data-testid="asset-preview"
        onKeyDown={(event) => {
          if (!movable || busy || !box) return;
          const step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[event.key];
          if (!step) return;
          event.preventDefault();
          moveBy(step[0]! * box.width, step[1]! * box.height);
        }}
        onPointerDown={(event) => {
          if (!movable || busy || event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          setDrag({ x: 0, y: 0, startX: event.clientX, startY: event.clientY });
        }}
        onPointerMove={(event) => {
          if (drag) setDrag({ ...drag, x: event.clientX - drag.startX, y: event.clientY - drag.startY });
        }}
        onPointerCancel={() => setDrag(null)}
        onPointerUp={(event) => {
          if (!drag || !box) return;
          setDrag(null);
          const rect = event.currentTarget.getBoundingClientRect();
          const scale = box.width / rect.width;
          if (Math.hypot(drag.x, drag.y) >= 4) {
            // The picture follows the pointer, so the frame (the crop box) moves the other way.
            moveBy(-drag.x * scale, -drag.y * scale);
            return;
          }
          // A click: centre the crop on that point of the picture.
          const cx = box.left + (event.clientX - rect.left) * scale;
          const cy = box.top + (event.clientY - rect.top) * (box.height / rect.height);
          moveBy(cx - (box.left + box.width / 2), cy - (box.top + box.height / 2));
        }}
      >
        {asset.url ? (
          // eslint-disable-next-line @next/next/no-img-element -- the derived file itself, from our own route
          <img
            src={asset.url}
            alt=""
            draggable={false}
            className="h-full w-full select-none object-cover"
            style={drag ? { transform: `translate(${drag.x}px, ${drag.y}px)` } : undefined}
          />
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
        {asset.checks ? <AssetChecks checks={asset.checks} /> : null}
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
              <option value="crop">Crop{far ? ` (loses ${Math.round(asset.cropLoss * 100)}%)` : ""}</option>
              <option value="pad:blur">Pad with a blur of the image</option>
              <option value="pad:#ffffff">Pad with white</option>
              <option value="pad:#000000">Pad with black</option>
            </select>
          </label>
        ) : null}
        {canGenerate && far && sharesSource && asset.status !== "waiting" ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void own()}
            className={buttonClass("ghost", "-ml-2 mt-0.5 px-2 py-0.5 text-2xs")}
            data-testid="asset-own"
            title="A new generation at this ratio, told to keep the subject inside this placement's frame"
          >
            Generate one of its own
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** The copy's verdict for one placement: its source's text, and whether any of it sits under the platform's buttons. */
function AssetChecks({ checks }: { checks: NonNullable<AssetView["checks"]> }) {
  const failing = checks.findings.filter((f) => !f.ok);
  const tone = checks.status === "failed" ? "text-danger" : checks.status === "passed" ? "text-success" : "text-muted";
  return (
    <div className={`text-2xs ${tone}`} data-testid="asset-checks" data-status={checks.status}>
      {checks.status === "pending" ? "Reading the text…" : checks.status === "unavailable" ? "Text not checked" : null}
      {checks.status === "passed" ? "Copy ✓" : null}
      {failing.map((f) => (
        <p key={`${f.kind}-${f.field ?? ""}`} data-kind={f.kind}>
          ✗ {f.message}
        </p>
      ))}
    </div>
  );
}
