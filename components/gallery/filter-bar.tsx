"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { ASPECT_RATIOS, MODEL_IDS, MODELS } from "@/lib/segmind/catalog";
import { filtersToQuery, type GalleryFilters } from "@/lib/generations/gallery-query";
import { REVIEW_LABELS, REVIEW_STATES } from "@/lib/review/states";

const control = "rounded-control border border-line bg-canvas px-2.5 py-1.5 text-sm focus:border-accent focus:outline-none";

/** The gallery's filters. Every change rewrites the address, so any view can be bookmarked or shared. */
export function FilterBar({ filters: applied, boards }: { filters: GalleryFilters; boards: { id: string; name: string }[] }) {
  const router = useRouter();
  const path = usePathname();
  const [q, setQ] = useState(applied.q ?? "");
  // The controls show a change at once; the grid follows when the new view has loaded.
  const [filters, setFilters] = useState(applied);
  const go = (next: GalleryFilters) => {
    setFilters(next);
    router.replace(`${path}${filtersToQuery(next)}`, { scroll: false });
  };
  const set = <K extends keyof GalleryFilters>(key: K, value: GalleryFilters[K] | "") => go({ ...filters, [key]: value || undefined });

  return (
    <form
      role="search"
      aria-label="Filter the gallery"
      className="mb-5 flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        set("q", q.trim());
      }}
    >
      <label className="min-w-56 flex-1">
        <span className="sr-only">Search prompts</span>
        <input
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search prompts…"
          maxLength={200}
          className={`${control} w-full`}
        />
      </label>
      <label>
        <span className="sr-only">Model</span>
        <select value={filters.model ?? ""} onChange={(e) => set("model", e.target.value as GalleryFilters["model"])} className={control}>
          <option value="">All models</option>
          {MODEL_IDS.map((id) => (
            <option key={id} value={id}>
              {MODELS[id].name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Aspect ratio</span>
        <select value={filters.ar ?? ""} onChange={(e) => set("ar", e.target.value as GalleryFilters["ar"])} className={control}>
          <option value="">All shapes</option>
          {ASPECT_RATIOS.map((ar) => (
            <option key={ar} value={ar}>
              {ar}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-xs text-muted">
        From
        <input type="date" value={filters.from ?? ""} onChange={(e) => set("from", e.target.value)} className={control} />
      </label>
      <label className="flex items-center gap-1.5 text-xs text-muted">
        To
        <input type="date" value={filters.to ?? ""} onChange={(e) => set("to", e.target.value)} className={control} />
      </label>
      <label>
        <span className="sr-only">Board</span>
        <select value={filters.board ?? ""} onChange={(e) => set("board", e.target.value)} className={control}>
          <option value="">All boards</option>
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Review state</span>
        <select value={filters.review ?? ""} onChange={(e) => set("review", e.target.value as GalleryFilters["review"])} className={control}>
          <option value="">Any review state</option>
          {REVIEW_STATES.map((state) => (
            <option key={state} value={state}>
              {REVIEW_LABELS[state]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Copy checks</span>
        <select value={filters.checks ?? ""} onChange={(e) => set("checks", e.target.value as GalleryFilters["checks"])} className={control}>
          <option value="">Any copy check</option>
          <option value="failed">Checks failed</option>
          <option value="passed">Checks passed</option>
        </select>
      </label>
      <label className={`${control} flex cursor-pointer items-center gap-1.5`}>
        <input
          type="checkbox"
          checked={Boolean(filters.fav)}
          onChange={(e) => set("fav", e.target.checked ? "1" : "")}
          className="accent-[rgb(var(--accent))]"
        />
        Favorites
      </label>
      {filters.pack ? (
        <button type="button" onClick={() => set("pack", "")} className={`${control} font-medium`} data-testid="pack-filter">
          One pack’s images <span aria-hidden>×</span>
          <span className="sr-only">: show every pack as one entry again</span>
        </button>
      ) : null}
      <button type="submit" className="rounded-control bg-raised px-3 py-1.5 text-sm font-medium hover:bg-line">
        Search
      </button>
      {Object.keys(filters).length ? (
        <button
          type="button"
          className="rounded-control px-3 py-1.5 text-sm text-muted hover:text-ink"
          onClick={() => {
            setQ("");
            go({});
          }}
        >
          Clear
        </button>
      ) : null}
    </form>
  );
}
