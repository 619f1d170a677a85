"use client";

/**
 * Flips the `dark` class and remembers the choice; the inline script in the root layout applies it on the
 * next load before paint. The icon follows the class through CSS, so no state is needed.
 */
export function ThemeToggle({ withLabel = false }: { withLabel?: boolean }) {
  return (
    <button
      type="button"
      onClick={() => {
        const dark = document.documentElement.classList.toggle("dark");
        localStorage.setItem("theme", dark ? "dark" : "light");
      }}
      className="inline-flex items-center gap-2 rounded-control p-2 text-sm text-muted hover:bg-raised hover:text-ink"
      aria-label={withLabel ? undefined : "Toggle dark theme"}
      title="Toggle dark theme"
    >
      <svg className="hidden dark:block" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
      <svg className="block dark:hidden" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
      {withLabel ? "Light / dark" : null}
    </button>
  );
}
