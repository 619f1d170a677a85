"use client";
import { MODELS, THINKING_LEVELS } from "@/lib/segmind/catalog";
import { Segmented } from "../ui/segmented";
import { setSpendLimit, useSpendLimit } from "./spend-limit";
import { fieldLabel as label, type StudioSettings } from "./settings";

/** Settings that are rarely changed, folded away: thinking, response, safety, web search, transport. */
export function AdvancedSettings({
  settings,
  set,
}: {
  settings: StudioSettings;
  set: <K extends keyof StudioSettings>(key: K, value: StudioSettings[K]) => void;
}) {
  const spec = MODELS[settings.model];
  const askAbove = useSpendLimit();
  return (
    <details className="group rounded-control border border-line">
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-muted hover:text-ink">Advanced</summary>
      <div className="space-y-4 border-t border-line p-3">
        <Segmented
          label="Thinking"
          name="thinking_level"
          value={settings.thinking_level}
          options={THINKING_LEVELS.map((t) => ({ value: t, label: t === "high" ? "High" : "Minimal" }))}
          onChange={(v) => set("thinking_level", v)}
          hint={spec.descriptions.thinking_level}
        />
        <Segmented
          label="Response"
          name="response_modalities"
          value={settings.response_modalities}
          options={[
            { value: "TEXT_AND_IMAGE", label: "Image + text" },
            { value: "IMAGE", label: "Image only" },
          ]}
          onChange={(v) => set("response_modalities", v)}
        />
        <div>
          <label htmlFor="safety" className={label}>
            Safety tolerance: <span className="font-mono text-ink">{settings.safety_tolerance}</span>
          </label>
          <input
            id="safety"
            type="range"
            min={1}
            max={6}
            step={1}
            value={settings.safety_tolerance}
            onChange={(e) => set("safety_tolerance", Number(e.target.value))}
            className="w-full accent-[rgb(var(--accent))]"
          />
          <p className="text-2xs text-muted">{spec.descriptions.safety_tolerance}</p>
        </div>
        {spec.supportsWebSearch ? (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="web_search"
              checked={settings.web_search}
              onChange={(e) => set("web_search", e.target.checked)}
              className="mt-0.5 accent-[rgb(var(--accent))]"
            />
            <span>
              Web search
              <span className="block text-2xs text-muted">{spec.descriptions.web_search}</span>
            </span>
          </label>
        ) : null}
        <div>
          <label htmlFor="ask-above" className={label}>
            Ask before sending a run over
          </label>
          <div className="flex items-center gap-1.5 text-sm">
            $
            <input
              id="ask-above"
              type="number"
              inputMode="decimal"
              min={0}
              step={0.5}
              value={askAbove}
              onChange={(e) => e.target.value !== "" && Number(e.target.value) >= 0 && setSpendLimit(Number(e.target.value))}
              className="w-24 rounded-control border border-line bg-canvas px-2 py-1 font-mono text-sm focus:border-accent focus:outline-none"
            />
          </div>
          <p className="mt-1 text-2xs text-muted">Kept in this browser. 0 asks before every run.</p>
        </div>
        {spec.transports.length > 1 ? (
          <Segmented
            label="Transport"
            name="transport"
            value={settings.transport}
            options={spec.transports.map((t) => ({ value: t, label: t === "v2" ? "Queue (v2)" : "Direct (v1)" }))}
            onChange={(v) => set("transport", v)}
            hint="Queue submits and polls; Direct waits for the image in one call."
          />
        ) : null}
      </div>
    </details>
  );
}
