"use client";
import { useEffect, useRef } from "react";

/** True when a key press belongs to a text field, where letters and arrows must keep their meaning. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  if (target.tagName !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "range"].includes((target as HTMLInputElement).type);
}

const SHORTCUTS: [string, string][] = [
  ["Ctrl/⌘ + Enter", "Generate (in the studio)"],
  ["← → ↑ ↓", "Move through the gallery"],
  ["Enter", "View the focused image large (lightbox)"],
  ["x", "Select the focused image (to compare or add to a board)"],
  ["← →", "Newer / older image (lightbox and detail view)"],
  ["f", "Favorite the focused or open image"],
  ["?", "Show this list"],
  ["Esc", "Close the lightbox, a panel or this list"],
];

/** The `?` overlay: every keyboard shortcut of the studio, from any page. */
export function ShortcutsOverlay() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "?" && !isTyping(event) && !dialog.current?.open) {
        event.preventDefault();
        dialog.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className="rounded-control px-2 py-1.5 text-sm text-muted hover:bg-raised hover:text-ink"
      >
        ?
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.target === dialog.current && dialog.current?.close()}
        className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-card border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/40"
      >
        <div className="p-5">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="shortcuts-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-control px-2 py-1 text-sm text-muted hover:bg-raised hover:text-ink"
            >
              Close
            </button>
          </div>
          <dl className="divide-y divide-line text-sm">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={what} className="flex justify-between gap-4 py-2">
                <dt className="text-muted">{what}</dt>
                <dd>
                  <kbd className="whitespace-nowrap rounded border border-line bg-raised px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </dialog>
    </>
  );
}
