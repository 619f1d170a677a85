"use client";

/** A row of mutually exclusive options: a radio group that looks like a switch. */
export function Segmented<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
  hint,
  hideLabel = false,
}: {
  label: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string; title?: string }[];
  onChange: (value: T) => void;
  hint?: string;
  hideLabel?: boolean;
}) {
  return (
    <fieldset className="min-w-0">
      <legend className={hideLabel ? "sr-only" : "mb-1.5 text-xs font-medium text-muted"}>{label}</legend>
      <div className="flex flex-wrap gap-1 rounded-control border border-line bg-raised p-1">
        {options.map((option) => (
          <label
            key={option.value}
            title={option.title}
            className={`relative cursor-pointer rounded-[7px] px-2.5 py-1 text-sm transition has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${
              value === option.value ? "bg-surface font-medium text-ink shadow-sm" : "text-muted hover:text-ink"
            }`}
          >
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="sr-only" />
            {option.label}
          </label>
        ))}
      </div>
      {hint ? <p className="mt-1 text-2xs text-muted">{hint}</p> : null}
    </fieldset>
  );
}
