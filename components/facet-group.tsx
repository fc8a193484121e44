import type { ChangeEventHandler, ReactNode } from "react";

/**
 * One group of filter checkboxes, each with the number of stories it would give. The count
 * describes the option rather than naming it, so the checkbox keeps its plain name ("Dutch",
 * "Improving the work practice").
 */
export function FacetGroup({
  legend,
  hint,
  name,
  options,
  selected,
  onChange,
  children,
}: {
  legend: string;
  hint?: string;
  name: string;
  options: { value: string; label: string; count: number }[];
  selected: string[];
  onChange: ChangeEventHandler<HTMLInputElement>;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend className="font-medium">{legend}</legend>
      {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        {options.map((option) => {
          // Tool names are free text: the index keeps ids valid whatever they contain.
          const id = `facet-${name}-${/^[\w-]+$/.test(option.value) ? option.value : options.indexOf(option)}`;
          return (
            <div key={option.value} className="flex items-center gap-2">
              <input
                id={id}
                type="checkbox"
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={onChange}
                aria-describedby={`${id}-count`}
                className="size-6"
              />
              <label htmlFor={id}>{option.label}</label>
              <span
                id={`${id}-count`}
                className="rounded-full bg-stone-100 px-2 text-sm tabular-nums text-stone-700"
              >
                {option.count}
              </span>
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
