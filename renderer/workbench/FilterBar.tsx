import type { FilterOp } from '../../shared/contract/workbench.js';

export interface FilterDraft {
  readonly column: string;
  readonly op: FilterOp;
  readonly value: string;
}

const OPS: { op: FilterOp; label: string }[] = [
  { op: 'eq', label: '=' },
  { op: 'neq', label: '≠' },
  { op: 'lt', label: '<' },
  { op: 'lte', label: '≤' },
  { op: 'gt', label: '>' },
  { op: 'gte', label: '≥' },
  { op: 'contains', label: 'contains' },
  { op: 'starts', label: 'starts with' },
  { op: 'is_null', label: 'is null' },
  { op: 'not_null', label: 'is not null' },
];

/** Column filters as the user builds them; the host compiles the applied ones into a WHERE with parameters. */
export function FilterBar({
  columns,
  filters,
  applied,
  onChange,
  onApply,
}: {
  columns: readonly string[];
  filters: readonly FilterDraft[];
  applied: readonly FilterDraft[];
  onChange: (filters: FilterDraft[]) => void;
  onApply: (filters: FilterDraft[]) => void;
}) {
  const patch = (i: number, p: Partial<FilterDraft>) =>
    onChange(filters.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div className="wb-filters" aria-label="Filters">
      {filters.map((f, i) => (
        <span key={i} className="wb-filter">
          <select
            className="select wb-control"
            aria-label="Filter column"
            value={f.column}
            onChange={(e) => patch(i, { column: e.target.value })}
          >
            {columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <select
            className="select wb-control"
            aria-label="Filter operator"
            value={f.op}
            onChange={(e) => patch(i, { op: e.target.value as FilterOp })}
          >
            {OPS.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
          {f.op !== 'is_null' && f.op !== 'not_null' && (
            <input
              className="input mono wb-control"
              aria-label="Filter value"
              value={f.value}
              onChange={(e) => patch(i, { value: e.target.value })}
              onKeyDown={(e) => e.key === 'Enter' && onApply([...filters])}
            />
          )}
          <button
            className="wb-tab-close"
            aria-label="Remove filter"
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <button
        className="btn small"
        onClick={() => onChange([...filters, { column: columns[0] ?? '', op: 'eq', value: '' }])}
      >
        + Filter
      </button>
      {JSON.stringify(filters) !== JSON.stringify(applied) && (
        <button className="btn small primary" onClick={() => onApply([...filters])}>
          Apply filters
        </button>
      )}
    </div>
  );
}
