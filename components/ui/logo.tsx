/** The mark and the name; `compact` keeps only the mark on a phone (the header's room is for controls). */
export function Logo({ className = "", compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden>
        <rect width="32" height="32" rx="8" fill="rgb(var(--accent))" />
        <path d="M9 22c6 1 12-3 14-12-4 6-9 8-14 8z" fill="rgb(var(--accent-ink))" />
      </svg>
      <span className={compact ? "max-sm:sr-only" : undefined}>Nano Studio</span>
    </span>
  );
}
