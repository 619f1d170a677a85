export default function Loading() {
  return (
    <div className="grid animate-pulse gap-4 md:grid-cols-3" aria-busy="true" aria-label="Loading">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="aspect-square rounded-card bg-raised" />
      ))}
    </div>
  );
}
