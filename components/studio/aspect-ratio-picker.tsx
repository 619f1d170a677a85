"use client";
import type { AspectRatio } from "@/lib/segmind/catalog";

/** Each ratio drawn as its own shape, so a designer picks by eye rather than by numbers. */
export function AspectRatioPicker({ value, onChange, ratios }: { value: AspectRatio; onChange: (v: AspectRatio) => void; ratios: readonly AspectRatio[] }) {
  return (
    <fieldset>
      <legend className="mb-1.5 block text-xs font-medium text-muted">Aspect ratio</legend>
      <div className="grid grid-cols-5 gap-1 sm:grid-cols-8">
        {ratios.map((ratio) => {
          const active = ratio === value;
          const [w, h] = ratio === "auto" ? [1, 1] : (ratio.split(":").map(Number) as [number, number]);
          const scale = 18 / Math.max(w, h);
          return (
            <label
              key={ratio}
              title={ratio === "auto" ? "Auto: the model decides (follows the first reference)" : ratio}
              className={`relative flex cursor-pointer flex-col items-center gap-0.5 rounded-control border px-0.5 py-1.5 text-2xs transition has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${
                active ? "border-accent bg-accent/10 text-ink" : "border-line text-muted hover:border-muted hover:text-ink"
              }`}
            >
              <input
                type="radio"
                name="aspect_ratio"
                value={ratio}
                checked={active}
                onChange={() => onChange(ratio)}
                className="sr-only"
                aria-label={`Aspect ratio ${ratio}`}
              />
              <span className="flex h-5 w-5 items-center justify-center" aria-hidden>
                <span
                  className={`block rounded-[2px] border-[1.5px] ${ratio === "auto" ? "border-dashed" : ""} ${active ? "border-accent bg-accent/30" : "border-current"}`}
                  style={{ width: Math.max(3, w * scale), height: Math.max(3, h * scale) }}
                />
              </span>
              {ratio === "auto" ? "Auto" : ratio}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
