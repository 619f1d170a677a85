"use client";

/** The star on tiles and on the detail page. */
export function FavoriteButton({
  favorite,
  onToggle,
  className = "",
  tabIndex,
}: {
  favorite: boolean;
  onToggle: () => void;
  className?: string;
  tabIndex?: number;
}) {
  return (
    <button
      type="button"
      aria-pressed={favorite}
      aria-label={favorite ? "Remove from favorites" : "Add to favorites"}
      title={favorite ? "Favorite (f)" : "Add to favorites (f)"}
      data-testid="favorite"
      tabIndex={tabIndex}
      onClick={onToggle}
      className={`flex h-7 w-7 items-center justify-center rounded-full bg-canvas/85 shadow transition hover:scale-110 ${favorite ? "text-warning" : "text-muted"} ${className}`}
    >
      <svg width="16" height="16" viewBox="0 0 24 24" fill={favorite ? "currentColor" : "none"} stroke="currentColor" strokeWidth="2" aria-hidden>
        <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z" strokeLinejoin="round" />
      </svg>
    </button>
  );
}
