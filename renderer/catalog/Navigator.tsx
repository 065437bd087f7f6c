import { useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import { refKey, type Catalog, type ObjectRef } from '../../shared/model/catalog.js';
import { KindIcon } from './KindIcon.js';
import { buildNavigator } from './navigator-model.js';

const LARGE_CATALOG = 400;

function navItemCount(c: Catalog): number {
  return c.relations.length + c.functions.length + c.sequences.length + c.types.length;
}
import { RlsBadge } from './RlsBadge.js';
import { plural } from '../../shared/text/plural.js';

/** Schemas → tables, views, functions, sequences, types; owner and RLS badges; a filter box. */
export function Navigator({
  catalog,
  selected,
  onSelect,
  filter,
  onFilterChange,
}: {
  catalog: Catalog;
  selected: ObjectRef | null;
  onSelect(ref: ObjectRef): void;
  filter: string;
  onFilterChange(filter: string): void;
}) {
  // Typing stays responsive on big catalogs: the tree catches up with the filter a frame later.
  const deferredFilter = useDeferredValue(filter);
  const tree = useMemo(() => buildNavigator(catalog, deferredFilter), [catalog, deferredFilter]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() =>
    // A big database opens with its schemas folded (except the selected object's), small ones open.
    navItemCount(catalog) > LARGE_CATALOG
      ? new Set(
          catalog.schemas.map((s) => s.name).filter((n) => n !== selected?.schema && n !== selected?.name),
        )
      : new Set(),
  );
  const selectedKey = selected ? refKey(selected) : null;
  const filtering = deferredFilter.trim() !== '';
  const total = tree.reduce((n, s) => n + s.total, 0);

  const toggle = (schema: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(schema)) next.delete(schema);
      else next.add(schema);
      return next;
    });

  // Arrow keys walk the visible rows (Enter opens one, as on any button); Home/End jump to the ends.
  const moveFocus = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.nav-row')];
    if (rows.length === 0) return;
    e.preventDefault();
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? rows.length - 1
          : e.key === 'ArrowDown'
            ? Math.min(at + 1, rows.length - 1)
            : Math.max(at - 1, 0);
    rows[next]?.focus();
  };

  return (
    <nav className="navigator" aria-label="Database objects">
      <div className="nav-head">
        <div className="nav-filter">
          <span className="icon" aria-hidden>
            ⌕
          </span>
          <input
            id="nav-filter"
            className="input"
            type="search"
            placeholder="Filter objects   /"
            aria-label="Filter objects"
            value={filter}
            spellCheck={false}
            onChange={(e) => onFilterChange(e.target.value)}
          />
        </div>
      </div>
      <div className="nav-tree" role="tree" aria-label="Schemas" onKeyDown={moveFocus}>
        {tree.length === 0 && (
          <div className="nav-empty">
            {filtering ? (
              <>
                Nothing matches <b>“{filter}”</b>.
              </>
            ) : (
              'This database has no user schemas.'
            )}
          </div>
        )}
        {tree.map(({ schema, groups, total: count }) => {
          const open = filtering || !collapsed.has(schema.name);
          const schemaRef: ObjectRef = { kind: 'schema', schema: null, name: schema.name };
          return (
            <div
              className="nav-schema"
              key={schema.name}
              role="treeitem"
              aria-expanded={open}
              aria-label={`schema ${schema.name}`}
            >
              <button
                className="nav-row"
                aria-selected={selectedKey === refKey(schemaRef)}
                onClick={() => {
                  // First click opens the schema's overview (and unfolds it); a click on the selected one folds it.
                  if (selectedKey === refKey(schemaRef)) toggle(schema.name);
                  else {
                    setCollapsed((c) => {
                      const next = new Set(c);
                      next.delete(schema.name);
                      return next;
                    });
                    onSelect(schemaRef);
                  }
                }}
                title={`Schema ${schema.name}, owned by ${schema.owner}`}
              >
                <span className={`chev${open ? ' open' : ''}`} aria-hidden>
                  ▸
                </span>
                <span className="label">{schema.name}</span>
                <span className="owner">{schema.owner}</span>
                <span className="badge">{count}</span>
              </button>
              {open && groups.length === 0 && <div className="nav-empty">Empty schema.</div>}
              {open &&
                groups.map((g) => (
                  <div key={g.kind} role="group" aria-label={`${schema.name} ${g.label}`}>
                    <div className="nav-group-label">
                      {g.label} <span>{g.items.length}</span>
                    </div>
                    {g.items.map((item) => (
                      <button
                        key={refKey(item.ref)}
                        className="nav-row depth-1"
                        role="treeitem"
                        aria-selected={selectedKey === refKey(item.ref)}
                        aria-label={`${item.kind} ${schema.name}.${item.name}${item.args !== null ? `(${item.args})` : ''}`}
                        onClick={() => onSelect(item.ref)}
                        title={`${schema.name}.${item.name}${item.args !== null ? `(${item.args})` : ''} — owner ${item.owner}`}
                      >
                        <KindIcon kind={item.kind} />
                        <span className="label">
                          {item.name}
                          {item.args !== null && <span className="muted">({item.args})</span>}
                        </span>
                        {item.rls && <RlsBadge state={item.rls} />}
                        {item.owner !== schema.owner && (
                          <span className="owner" title={`Owned by ${item.owner}, not the schema owner`}>
                            {item.owner}
                          </span>
                        )}
                      </button>
                    ))}
                  </div>
                ))}
            </div>
          );
        })}
      </div>
      <div className="nav-foot">
        <span>
          {total} {plural(total, 'object')}
          {filtering ? ' match' : ''}
        </span>
        <span>
          {catalog.database.name} · PG {catalog.server.version}
        </span>
      </div>
    </nav>
  );
}
