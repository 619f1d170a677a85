import type { RecipeRow } from "@/lib/generations/recipe-rows";

/** A recipe's rows as a definition list; each value carries a test id named after its label (`recipe-seed`). */
export function RecipeList({ rows }: { rows: RecipeRow[] }) {
  return (
    <dl className="divide-y divide-line rounded-card border border-line bg-surface text-sm" data-testid="recipe">
      {rows.map(({ label, value }) => (
        <div key={label} className="flex justify-between gap-4 px-3 py-2">
          <dt className="text-muted">{label}</dt>
          <dd className="text-right font-medium" data-testid={`recipe-${label.toLowerCase().replace(/\s+/g, "-")}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
