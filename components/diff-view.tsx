import type { FieldDiff, TextPart } from "@/lib/stories/diff";

export type DiffViewText = {
  /** Read out before each insertion and deletion: screen readers rarely announce ins and del. */
  added: string;
  removed: string;
  empty: string;
  noChanges: string;
  unchangedNote: string;
};

// Colour is not the only sign (struck through, underlined), and both pairs are far above the
// 4.5:1 contrast text needs.
const insClass = "bg-green-100 text-green-950 underline decoration-green-800 decoration-2 underline-offset-2";
const delClass = "bg-red-100 text-red-950 line-through decoration-red-800 decoration-2";

function Inserted({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <ins className={insClass}>
      <span className="sr-only">{label} </span>
      {children}
    </ins>
  );
}

function Deleted({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <del className={delClass}>
      <span className="sr-only">{label} </span>
      {children}
    </del>
  );
}

function TextChanges({ parts, text, mono }: { parts: TextPart[]; text: DiffViewText; mono: boolean }) {
  if (parts.length === 0) return <span className="text-stone-600">{text.empty}</span>;
  return (
    <div className={`whitespace-pre-wrap break-words ${mono ? "font-mono text-sm" : ""}`}>
      {parts.map((part, index) =>
        part.kind === "added" ? (
          <Inserted key={index} label={text.added}>
            {part.text}
          </Inserted>
        ) : part.kind === "removed" ? (
          <Deleted key={index} label={text.removed}>
            {part.text}
          </Deleted>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </div>
  );
}

/**
 * The changed fields of two story versions: words struck through and underlined in text
 * fields, items removed and added in lists. Unchanged fields are left out.
 */
export function DiffView({
  diffs,
  labels,
  valueLabels = {},
  text,
  lang,
}: {
  diffs: FieldDiff[];
  labels: Record<string, string>;
  /** Display names for list items (starting point slugs, organisation types, languages). */
  valueLabels?: Record<string, Record<string, string>>;
  text: DiffViewText;
  lang?: string;
}) {
  const changed = diffs.filter((diff) => diff.changed);
  if (changed.length === 0) return <p className="text-stone-700">{text.noChanges}</p>;
  const name = (field: string, value: string) => valueLabels[field]?.[value] ?? value;
  return (
    <div className="space-y-3">
      <dl className="space-y-6">
        {changed.map((diff) => (
          <div key={diff.field} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="mb-2 font-semibold">{labels[diff.field] ?? diff.field}</dt>
            <dd lang={diff.kind === "text" ? lang : undefined}>
              {diff.kind === "text" ? (
                <TextChanges parts={diff.parts} text={text} mono={diff.field === "body"} />
              ) : (
                <ul className="flex flex-wrap gap-2">
                  {diff.removed.map((item) => (
                    <li key={`removed-${item}`}>
                      <Deleted label={text.removed}>{name(diff.field, item)}</Deleted>
                    </li>
                  ))}
                  {diff.added.map((item) => (
                    <li key={`added-${item}`}>
                      <Inserted label={text.added}>{name(diff.field, item)}</Inserted>
                    </li>
                  ))}
                  {diff.kept.map((item) => (
                    <li key={`kept-${item}`} className="text-stone-800">
                      {name(diff.field, item)}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-stone-600">{text.unchangedNote}</p>
    </div>
  );
}
