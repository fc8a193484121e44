import type { ReactNode } from "react";

/*
 * Labelled inputs whose hint and error are tied to them with aria-describedby, and whose
 * error state is announced with aria-invalid: the UI contract's form rules, in one place.
 */

export const inputClass =
  "mt-1 block w-full rounded border border-stone-400 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-700";

export function describedBy(id: string, hint?: ReactNode, errors?: string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldHint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
      {children}
    </p>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
      {errors.join(" ")}
    </p>
  );
}

type BaseProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  defaultValue?: string;
  optionalLabel?: string;
};

function Label({ id, label, optionalLabel }: { id: string; label: ReactNode; optionalLabel?: string }) {
  return (
    <label htmlFor={id} className="block font-medium text-stone-900">
      {label}
      {/* A real space: the accessible name is "Summary (optional)", not "Summary(optional)". */}
      {optionalLabel ? " " : null}
      {optionalLabel ? <span className="text-sm font-normal text-stone-600">({optionalLabel})</span> : null}
    </label>
  );
}

export function TextField({
  type = "text",
  autoComplete,
  ...props
}: BaseProps & { type?: "text" | "email" | "password"; autoComplete?: string }) {
  const { id, name, label, hint, errors, defaultValue, optionalLabel } = props;
  return (
    <div>
      <Label id={id} label={label} optionalLabel={optionalLabel} />
      <FieldHint id={id}>{hint}</FieldHint>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      />
      <FieldError id={id} errors={errors} />
    </div>
  );
}

export function TextAreaField({ rows = 4, ...props }: BaseProps & { rows?: number }) {
  const { id, name, label, hint, errors, defaultValue, optionalLabel } = props;
  return (
    <div>
      <Label id={id} label={label} optionalLabel={optionalLabel} />
      <FieldHint id={id}>{hint}</FieldHint>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      />
      <FieldError id={id} errors={errors} />
    </div>
  );
}

export function SelectField({
  options,
  placeholder,
  ...props
}: BaseProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { id, name, label, hint, errors, defaultValue } = props;
  return (
    <div>
      <Label id={id} label={label} />
      <FieldHint id={id}>{hint}</FieldHint>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={id} errors={errors} />
    </div>
  );
}
