"use client";
/**
 * Ad copy for a run or pack: headline, subline, call to action, price, legal line, and their language. They are
 * composed into the prompt as an instruction to render exactly that text — the final prompt shows here before
 * anything is sent — and the image is read back after and held against them.
 */
import { COPY_FIELDS, COPY_LABELS, COPY_LANGUAGES, MAX_COPY_LENGTH, composePrompt, filledCopy, type CopyFields as Copy } from "@/lib/copy";
import { bannedIn } from "@/lib/brand-kits/compose";
import type { KitView } from "@/lib/brand-kits";
import { fieldLabel } from "./settings";

export function CopyFields({
  copy,
  language,
  prompt,
  errors,
  onCopy,
  onLanguage,
  kit = null,
}: {
  copy: Copy;
  language: string;
  prompt: string;
  errors: Record<string, string>;
  onCopy: (copy: Copy) => void;
  onLanguage: (language: string) => void;
  /** The run's brand kit: its banned words are pointed out before anything is sent. */
  kit?: Pick<KitView, "name" | "banned"> | null;
}) {
  const filled = filledCopy(copy).length;
  const banned = kit
    ? bannedIn(
        filledCopy(copy)
          .map(([, text]) => text)
          .join(" \n "),
        kit.banned,
      )
    : [];
  return (
    <details className="rounded-card border border-line" open={filled > 0 || undefined} data-testid="copy-fields">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
        Ad copy{filled ? ` · ${filled}` : ""} <span className="font-normal text-muted">— rendered exactly, then read back and checked</span>
      </summary>
      <div className="space-y-3 border-t border-line p-3">
        {errors.copy ? <p className="text-xs text-danger">{errors.copy}</p> : null}
        {banned.length ? (
          <p className="rounded-control border border-warning/40 bg-warning/10 px-2.5 py-1.5 text-xs text-warning" data-testid="banned-warning" role="status">
            {banned.map((b) => `“${b}”`).join(", ")} {banned.length === 1 ? "is" : "are"} banned by {kit!.name}: the image will be flagged.
          </p>
        ) : null}
        {COPY_FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`copy-${field}`} className={fieldLabel}>
              {COPY_LABELS[field]}
            </label>
            <input
              id={`copy-${field}`}
              value={copy[field] ?? ""}
              maxLength={MAX_COPY_LENGTH}
              onChange={(e) => onCopy({ ...copy, [field]: e.target.value })}
              aria-invalid={Boolean(errors.copy)}
              className="w-full rounded-control border border-line bg-canvas px-2.5 py-1.5 text-sm focus:border-accent focus:outline-none"
            />
          </div>
        ))}
        <label className="block">
          <span className={fieldLabel}>Language of the copy</span>
          <select
            value={language}
            onChange={(e) => onLanguage(e.target.value)}
            className="w-full rounded-control border border-line bg-canvas px-2.5 py-1.5 text-sm focus:border-accent focus:outline-none"
          >
            {COPY_LANGUAGES.map((l) => (
              <option key={l.tag} value={l.tag}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {filled ? (
          <div>
            <p className={fieldLabel}>The prompt that will be sent</p>
            <pre className="max-h-40 overflow-y-auto whitespace-pre-wrap rounded-control bg-raised p-2 text-2xs" data-testid="final-prompt">
              {composePrompt(prompt, copy)}
            </pre>
          </div>
        ) : null}
      </div>
    </details>
  );
}
