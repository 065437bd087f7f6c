import { useState } from 'react';

/** A collapsible JSON tree; large arrays show their first items and a "show more". */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(100);
  const label = name !== undefined ? <span className="aa-json-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object')
    return (
      <div className="aa-json-line">
        {label}
        <span className={`aa-json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </div>
    );
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <div className="aa-json-node">
      <button className="aa-json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
        <span className="aa-muted">
          {brackets[0]}
          {!open && `${entries.length} ${Array.isArray(value) ? 'items' : 'keys'}`}
          {!open && brackets[1]}
        </span>
      </button>
      {open && (
        <div className="aa-json-children">
          {entries.slice(0, limit).map(([k, v]) => (
            <JsonTree key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <button className="btn ghost small" onClick={() => setLimit(limit + 500)}>
              Show more ({entries.length - limit} left)
            </button>
          )}
          <div className="aa-muted">{brackets[1]}</div>
        </div>
      )}
    </div>
  );
}
