/**
 * The gallery grid's skeleton. It lives beside the grid only (a route group), not over the whole studio: a
 * loading boundary commits the response as 200 before the page runs, so a page under it could never answer
 * 404 (another user's /gallery/<id>).
 */
export default function Loading() {
  return (
    <div className="grid animate-pulse gap-4 md:grid-cols-3" aria-busy="true" aria-label="Loading">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="aspect-square rounded-card bg-raised" />
      ))}
    </div>
  );
}
