"use client";
import { SEED_RANGE } from "@/lib/segmind/catalog";
import { Segmented } from "../ui/segmented";
import { fieldLabel as label, type StudioSettings } from "./settings";

/** The seed: random for every run, or kept (typed, or the last run's) until switched back. */
export function SeedField({
  seed,
  mode,
  error,
  onSeed,
  onMode,
}: {
  seed: string;
  mode: StudioSettings["seedMode"];
  error?: string;
  onSeed: (seed: string) => void;
  onMode: (mode: StudioSettings["seedMode"]) => void;
}) {
  return (
    <div>
      <span className={label} id="seed-label">
        Seed
      </span>
      <div className="flex gap-2" role="group" aria-labelledby="seed-label">
        <input
          type="number"
          inputMode="numeric"
          name="seed"
          aria-label="Seed"
          min={SEED_RANGE.min}
          max={SEED_RANGE.max}
          step={1}
          value={seed}
          placeholder="random"
          onChange={(e) => {
            onSeed(e.target.value);
            onMode(e.target.value === "" ? "random" : "keep");
          }}
          aria-invalid={Boolean(error)}
          className={`min-w-0 flex-1 rounded-control border border-line bg-canvas px-3 py-2 font-mono text-sm focus:border-accent focus:outline-none ${
            mode === "random" ? "text-muted" : ""
          }`}
        />
        <Segmented
          label="Seed mode"
          hideLabel
          name="seedMode"
          value={mode}
          options={[
            { value: "random", label: "Random", title: "Pick a new seed for every run" },
            { value: "keep", label: "Keep", title: "Use this seed again" },
          ]}
          onChange={onMode}
        />
      </div>
      <p className="mt-1 text-2xs text-muted">
        {mode === "random" ? "A new seed is picked for each run; it is shown here afterwards." : "This seed is used for every run until you switch to Random."}
      </p>
      {error ? <p className="mt-1 text-xs text-danger">{error}</p> : null}
    </div>
  );
}
