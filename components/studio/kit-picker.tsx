"use client";
import Link from "next/link";
import type { KitView } from "@/lib/brand-kits";
import { fieldLabel } from "./settings";

/**
 * The brand kit a run is made with. Choosing one attaches its logos and product shots as references, writes its
 * style and palette into the prompt (where they can be edited) and its legal line into the copy.
 */
export function KitPicker({ kits, value, onChange }: { kits: KitView[]; value: string; onChange: (id: string) => void }) {
  const kit = kits.find((k) => k.id === value);
  if (kits.length === 0) {
    return (
      <p className="text-xs text-muted">
        <Link href="/brand-kits/new" className="font-medium text-ink underline underline-offset-2 hover:text-accent">
          Make a brand kit
        </Link>{" "}
        — logos, palette, style and legal line, added to every run and checked in every image.
      </p>
    );
  }
  return (
    <div>
      <label htmlFor="brand-kit" className={fieldLabel}>
        Brand kit
      </label>
      <div className="flex items-center gap-2">
        <select
          id="brand-kit"
          value={kit ? value : ""}
          onChange={(e) => onChange(e.target.value)}
          data-testid="kit-picker"
          className="min-w-0 flex-1 rounded-control border border-line bg-canvas px-2.5 py-2 text-sm focus:border-accent focus:outline-none"
        >
          <option value="">No kit</option>
          {kits.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} · v{k.version}
            </option>
          ))}
        </select>
        {kit ? (
          <span className="flex shrink-0 -space-x-1" aria-label={`Palette: ${kit.palette.map((c) => c.name).join(", ")}`}>
            {kit.palette.map((c) => (
              <span key={c.hex} title={`${c.name} ${c.hex}`} className="h-5 w-5 rounded-full border-2 border-surface" style={{ background: c.hex }} />
            ))}
          </span>
        ) : null}
      </div>
      {kit ? (
        <p className="mt-1 text-2xs text-muted" data-testid="kit-summary">
          {[
            kit.images.length ? `${kit.images.length} image${kit.images.length === 1 ? "" : "s"} attached` : "",
            "style and palette in the prompt",
            kit.legal ? "legal line in the copy" : "",
            kit.banned.length ? `${kit.banned.length} banned word${kit.banned.length === 1 ? "" : "s"} checked` : "",
          ]
            .filter(Boolean)
            .join(" · ")}
          .{" "}
          <Link href={`/brand-kits/${kit.id}`} className="text-ink underline underline-offset-2 hover:text-accent">
            Edit kit
          </Link>
        </p>
      ) : null}
    </div>
  );
}
