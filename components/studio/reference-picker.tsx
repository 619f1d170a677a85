"use client";
import { useRef, useState } from "react";
import { MAX_REFERENCE_IMAGES } from "@/lib/segmind/catalog";
import type { UploadView } from "@/lib/images/uploads";
import { fetchJson } from "../hooks/fetch-json";

async function upload(file: File): Promise<UploadView> {
  const body = new FormData();
  body.set("file", file);
  return fetchJson<UploadView>("/api/uploads", { method: "POST", body });
}

/**
 * Reference images: drop or pick files, see them, remove them. Up to 14, as the models allow — a brand kit's
 * images among them, shown first and marked as the kit's (they go with the kit, not one by one).
 */
export function ReferencePicker({
  references,
  kitImages = [],
  onChange,
  onBusyChange,
  error,
}: {
  references: UploadView[];
  kitImages?: (UploadView & { role: "logo" | "product" })[];
  onChange: (next: UploadView[] | ((prev: UploadView[]) => UploadView[])) => void;
  onBusyChange: (busy: boolean) => void;
  error?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, setPending] = useState(0);
  const attached = kitImages.length + references.length;
  const room = MAX_REFERENCE_IMAGES - attached - pending;

  async function add(files: File[]) {
    const accepted = files.slice(0, Math.max(0, room));
    const found: string[] = [];
    if (files.length > accepted.length) found.push(`Only ${MAX_REFERENCE_IMAGES} reference images fit; ${files.length - accepted.length} were left out.`);
    setPending((n) => n + accepted.length);
    onBusyChange(true);
    await Promise.all(
      accepted.map(async (file) => {
        try {
          const uploaded = await upload(file);
          onChange((prev) => [...prev, uploaded]);
        } catch (e) {
          found.push(e instanceof Error ? e.message : String(e));
        } finally {
          setPending((n) => n - 1);
        }
      }),
    );
    onBusyChange(false);
    setProblems(found);
  }

  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between">
        <span className="text-xs font-medium text-muted" id="references-label">
          Reference images
        </span>
        <span className="text-2xs text-muted" data-testid="reference-count">
          {attached} / {MAX_REFERENCE_IMAGES}
        </span>
      </div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void add(Array.from(e.dataTransfer.files));
        }}
        className={`rounded-control border border-dashed p-2 transition ${dragging ? "border-accent bg-accent/10" : "border-line"}`}
        aria-labelledby="references-label"
      >
        <div className="flex flex-wrap gap-2">
          {kitImages.map((image) => (
            <div
              key={image.id}
              className="relative h-16 w-16 overflow-hidden rounded-[8px] border border-accent/60 bg-raised"
              data-testid="kit-reference"
              title={`${image.fileName} — from the brand kit`}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a private upload served by our own route */}
              <img src={image.url} alt={image.fileName} className="h-full w-full object-contain" />
              <span className="absolute inset-x-0 bottom-0 bg-accent px-1 text-center text-[10px] font-medium leading-4 text-accent-ink">
                Kit · {image.role}
              </span>
            </div>
          ))}
          {references.map((ref) => (
            <div key={ref.id} className="group relative h-16 w-16 overflow-hidden rounded-[8px] border border-line bg-raised" data-testid="reference-preview">
              {/* eslint-disable-next-line @next/next/no-img-element -- a private upload served by our own route */}
              <img src={ref.url} alt={ref.fileName} className="h-full w-full object-cover" />
              <button
                type="button"
                onClick={() => onChange((prev) => prev.filter((r) => r.id !== ref.id))}
                aria-label={`Remove ${ref.fileName}`}
                className="absolute right-0.5 top-0.5 rounded-full bg-black/70 px-1.5 text-xs leading-5 text-white opacity-90 hover:opacity-100"
              >
                ×
              </button>
            </div>
          ))}
          {Array.from({ length: pending }, (_, i) => (
            <div key={`p${i}`} className="h-16 w-16 animate-pulse rounded-[8px] bg-raised" aria-label="Uploading" />
          ))}
          {room > 0 ? (
            <button
              type="button"
              onClick={() => input.current?.click()}
              className="flex h-16 min-w-16 flex-1 items-center justify-center rounded-[8px] px-3 text-xs text-muted hover:bg-raised hover:text-ink"
            >
              {attached === 0 ? "Drop images here or browse" : "+ Add"}
            </button>
          ) : null}
        </div>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          className="sr-only"
          aria-label="Add reference images"
          data-testid="reference-input"
          onChange={(e) => {
            void add(Array.from(e.target.files ?? []));
            e.target.value = "";
          }}
        />
      </div>
      {[...problems, ...(error ? [error] : [])].map((p) => (
        <p key={p} className="mt-1 text-xs text-danger" data-testid="reference-error">
          {p}
        </p>
      ))}
    </div>
  );
}
