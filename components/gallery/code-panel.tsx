"use client";
import { useState } from "react";
import { curlSnippet, pythonSnippet, typescriptSnippet, type SnippetRecipe } from "@/lib/library/code-snippets";
import { CopyButton } from "../ui/copy-button";

const LANGUAGES = [
  { id: "curl", label: "curl", make: curlSnippet },
  { id: "ts", label: "TypeScript", make: typescriptSnippet },
  { id: "python", label: "Python", make: pythonSnippet },
] as const;

/** "Copy as code": this exact recipe for Segmind's API; the snippets read the key from the environment, never from us. */
export function CodePanel({ recipe }: { recipe: SnippetRecipe }) {
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]["id"]>("curl");
  const code = LANGUAGES.find((l) => l.id === language)!.make(recipe);
  return (
    <details className="rounded-card border border-line" data-testid="code-panel">
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium">Copy as code</summary>
      <div className="space-y-2 border-t border-line p-3">
        <div className="flex items-center gap-1" role="tablist" aria-label="Language">
          {LANGUAGES.map((l) => (
            <button
              key={l.id}
              type="button"
              role="tab"
              aria-selected={language === l.id}
              onClick={() => setLanguage(l.id)}
              className={`rounded-control px-2.5 py-1 text-xs font-medium ${language === l.id ? "bg-raised text-ink" : "text-muted hover:text-ink"}`}
            >
              {l.label}
            </button>
          ))}
          <CopyButton text={code} className="ml-auto px-2.5 py-1 text-xs" />
        </div>
        <pre
          role="tabpanel"
          tabIndex={0}
          aria-label={`${language} code`}
          data-testid="code"
          className="max-h-80 overflow-auto rounded-control bg-raised p-3 text-2xs leading-relaxed"
        >
          <code>{code}</code>
        </pre>
      </div>
    </details>
  );
}
