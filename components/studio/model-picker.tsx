"use client";
import { MODEL_IDS, MODELS, type ModelId } from "@/lib/segmind/catalog";
import { formatSeconds, formatUsd } from "@/lib/format";
import { fieldLabel as label } from "./settings";

/** The two models side by side, with what a run of each takes and costs. */
export function ModelPicker({ value, onChange }: { value: ModelId; onChange: (model: ModelId) => void }) {
  return (
    <fieldset>
      <legend className={label}>Model</legend>
      <div className="grid grid-cols-2 gap-2">
        {MODEL_IDS.map((id) => {
          const m = MODELS[id];
          const active = value === id;
          return (
            <label
              key={id}
              className={`relative cursor-pointer rounded-control border p-3 transition has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${
                active ? "border-accent bg-accent/10" : "border-line hover:border-muted"
              }`}
            >
              <input type="radio" name="model" value={id} checked={active} onChange={() => onChange(id)} className="sr-only" />
              <span className="block text-sm font-semibold">{m.name}</span>
              <span className="mt-0.5 block text-2xs text-muted">
                ~{formatSeconds(m.typicalLatencyMs)} · from {formatUsd(Math.min(...Object.values(m.estimatedPriceUsd)))}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
