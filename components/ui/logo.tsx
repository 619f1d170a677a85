export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden>
        <rect width="32" height="32" rx="8" fill="rgb(var(--accent))" />
        <path d="M9 22c6 1 12-3 14-12-4 6-9 8-14 8z" fill="rgb(var(--accent-ink))" />
      </svg>
      Nano Studio
    </span>
  );
}
