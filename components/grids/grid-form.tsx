"use client";
/**
 * A new variable grid: the template (model, ratio, a prompt and copy with `{{variables}}`) and its table (a CSV
 * file, or pasted). Preview checks the table — every problem by row and column — and shows the jobs, the cost
 * and the budget left before Run is offered.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { previewGridAction, runGridAction } from "@/lib/actions/grid-actions";
import type { GridPreview } from "@/lib/grids";
import { MAX_GRID_ROWS, type GridProblem } from "@/lib/grids/template";
import { ASPECT_RATIOS, MODELS, type ModelId } from "@/lib/segmind/catalog";
import { formatUsd } from "@/lib/format";
import { PLACEMENTS } from "@/lib/placements/catalog";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/input";

export function GridForm() {
  const router = useRouter();
  const [model, setModel] = useState<ModelId>("nano-banana-2-lite");
  const [ratio, setRatio] = useState("1:1");
  const [prompt, setPrompt] = useState("A can of lemonade on {{background}}, bright daylight");
  const [headline, setHeadline] = useState("{{headline}}");
  const [cta, setCta] = useState("");
  const [csv, setCsv] = useState("");
  const [placements, setPlacements] = useState<string[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<GridPreview | null>(null);
  const [problems, setProblems] = useState<GridProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [runKey] = useState(() => crypto.randomUUID());

  const body = () => ({
    template: {
      model,
      prompt,
      aspect_ratio: ratio,
      ...(headline.trim() || cta.trim() ? { copy: { ...(headline.trim() ? { headline } : {}), ...(cta.trim() ? { cta } : {}) } } : {}),
    },
    csv,
    ...(placements.length ? { placements } : {}),
  });
  // Anything changed after a preview needs a new one before it runs.
  const changed =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(null);
    };

  async function readFile(file: File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      changed(setCsv)(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      setFileName(file.name);
      setError(null);
    } catch {
      setError(`${file.name} is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.`);
    }
  }

  async function check() {
    setBusy(true);
    const result = await previewGridAction(body());
    setBusy(false);
    setPreview(result.ok ? result.preview : null);
    setProblems(result.ok ? result.problems : []);
    setError(result.ok ? null : result.error);
  }

  async function run() {
    setBusy(true);
    const result = await runGridAction(body(), runKey);
    if (result.ok && result.gridId) return router.push(`/grids/${result.gridId}`);
    setBusy(false);
    setPreview(null);
    setProblems(result.ok ? result.problems : []);
    setError(result.ok ? null : result.error);
  }

  return (
    <form
      className="space-y-5"
      aria-label="New grid"
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Model
          <select value={model} onChange={(e) => changed(setModel)(e.target.value as ModelId)} className={inputClass}>
            {Object.values(MODELS).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Aspect ratio
          <select value={ratio} onChange={(e) => changed(setRatio)(e.target.value)} className={inputClass}>
            {ASPECT_RATIOS.filter((r) => r !== "auto").map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium">
        Prompt <span className="font-normal text-muted">— variables as {"{{name}}"}, one column each</span>
        <textarea value={prompt} onChange={(e) => changed(setPrompt)(e.target.value)} rows={3} className={inputClass} />
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Headline
          <input value={headline} onChange={(e) => changed(setHeadline)(e.target.value)} className={inputClass} />
        </label>
        <label className="block text-sm font-medium">
          Call to action
          <input value={cta} onChange={(e) => changed(setCta)(e.target.value)} className={inputClass} placeholder="Shop now" />
        </label>
      </div>
      <details className="rounded-card border border-line" open={placements.length > 0 || undefined}>
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
          Placements as columns{placements.length ? ` · ${placements.length}` : ""}{" "}
          <span className="font-normal text-muted">
            — every row made at each placement&apos;s exact pixels (otherwise one image per row at the ratio above)
          </span>
        </summary>
        <div className="grid gap-x-4 gap-y-1 border-t border-line p-3 text-xs sm:grid-cols-2" data-testid="grid-placements">
          {PLACEMENTS.map((p) => (
            <label key={p.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={placements.includes(p.id)}
                onChange={(e) => changed(setPlacements)(e.target.checked ? [...placements, p.id] : placements.filter((id) => id !== p.id))}
              />
              <span>
                {p.platform} {p.name}{" "}
                <span className="text-muted">
                  {p.width} × {p.height}
                </span>
              </span>
            </label>
          ))}
        </div>
      </details>
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <label htmlFor="grid-csv" className="text-sm font-medium">
            Variants{" "}
            <span className="font-normal text-muted">
              — a header row, then one row per image (up to {MAX_GRID_ROWS}); a locale column sets the copy&apos;s language
            </span>
          </label>
          <label className={buttonClass("secondary", "cursor-pointer px-2.5 py-1 text-xs")}>
            Upload CSV
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              className="sr-only"
              data-testid="grid-csv-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void readFile(file);
                e.target.value = "";
              }}
            />
          </label>
        </div>
        <textarea
          id="grid-csv"
          value={csv}
          onChange={(e) => {
            changed(setCsv)(e.target.value);
            setFileName(null);
          }}
          rows={6}
          spellCheck={false}
          placeholder={"headline,background,locale\nLEMON FIZZ,a sunny beach,en\nZITRONE,ein Strand,de-DE"}
          className={`${inputClass} font-mono text-xs`}
        />
        {fileName ? <p className="mt-1 text-xs text-muted">From {fileName}.</p> : null}
      </div>

      {error || problems.length ? (
        <div role="status" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="grid-error">
          {problems.length ? `${problems.length} problem${problems.length === 1 ? "" : "s"} in the table; nothing was run.` : error}
          {problems.length ? (
            <table className="mt-2 w-full text-left text-xs" data-testid="grid-problems">
              <thead>
                <tr>
                  <th className="pr-3 font-medium">Row</th>
                  <th className="pr-3 font-medium">Column</th>
                  <th className="font-medium">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i} data-testid="grid-problem">
                    <td className="pr-3 align-top">{p.row}</td>
                    <td className="pr-3 align-top">{p.column || "—"}</td>
                    <td className="align-top">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}

      {preview ? (
        <section className="space-y-2 rounded-card border border-line p-4" aria-label="Preview" data-testid="grid-preview">
          <p className="text-sm">
            <span className="font-semibold" data-testid="grid-jobs">
              {preview.jobs} job{preview.jobs === 1 ? "" : "s"}
            </span>{" "}
            · about <span className="font-semibold">{formatUsd(preview.estimatedCostUsd)}</span>
            {preview.budgetLeftUsd !== null ? ` · ${formatUsd(preview.budgetLeftUsd)} of the monthly budget left` : ""}
          </p>
          {preview.overBudget ? (
            <p className="text-sm text-danger">Over the workspace&apos;s budget: it will not start. Make fewer rows or raise the budget.</p>
          ) : null}
          <ol className="space-y-1 text-xs text-muted">
            {preview.samples.map((s) => (
              <li key={s.row} className="whitespace-pre-wrap rounded-control bg-raised p-2">
                <span className="font-medium text-ink">Row {s.row}:</span> {s.prompt}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={busy || csv.trim() === ""} className={buttonClass(preview ? "secondary" : "primary")}>
          Preview
        </button>
        {preview && !preview.overBudget ? (
          <button type="button" disabled={busy} onClick={() => void run()} className={buttonClass("primary")} data-testid="grid-run">
            Run {preview.jobs} · {formatUsd(preview.estimatedCostUsd)}
          </button>
        ) : null}
      </div>
    </form>
  );
}
