import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Catalog } from '../../shared/model/catalog.js';
import { asErrorShape, useClient } from '../client/index.js';
import { workbenchApi, type Shape } from './api.js';
import { PageCache, type Row } from './data-pages.js';
import { CellInput } from './CellInput.js';
import { FilterBar, type FilterDraft } from './FilterBar.js';
import { PersonaToggle } from './PersonaToggle.js';
import {
  addInsert,
  dropInsert,
  editCell,
  editInsert,
  EMPTY_PENDING,
  keyText,
  pendingCount,
  rowKey,
  toChanges,
  toggleDelete,
  type Pending,
} from './pending.js';
import { plural } from '../../shared/text/plural.js';

const ROW_H = 26;

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The rows of a table or view as the developer sees them: paged from the host while scrolling (only the pages
 * around the viewport are fetched), sorted and filtered on the server (values as parameters), edited into a
 * pending change shown as SQL and applied in one transaction by primary key.
 */
export function DataView({
  connectionId,
  relation: given,
  catalog,
}: {
  connectionId: string;
  relation: { schema: string; name: string };
  catalog: Catalog | null;
}) {
  const client = useClient();
  // one object per relation: the queries below depend on it, and the parent may pass a fresh literal each render
  const relation = useMemo(() => ({ schema: given.schema, name: given.name }), [given.schema, given.name]);
  const [shape, setShape] = useState<Shape | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<FilterDraft[]>([]);
  const [applied, setApplied] = useState<FilterDraft[]>([]);
  const [sort, setSort] = useState<{ column: string; direction: 'asc' | 'desc' }[]>([]);
  const [count, setCount] = useState<{ count: number; capped: boolean } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [, setTick] = useState(0);
  const cache = useMemo(() => new PageCache(), [generation]); // eslint-disable-line react-hooks/exhaustive-deps
  const [pending, setPending] = useState<Pending>(EMPTY_PENDING);
  const [preview, setPreview] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ row: string; column: string } | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [hidden, setHidden] = useState<Set<string> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const query = useMemo(
    () => ({
      connectionId,
      relation,
      filters: applied.map((f) => ({
        column: f.column,
        op: f.op,
        value: f.op === 'is_null' || f.op === 'not_null' ? null : f.value,
      })),
      sort,
    }),
    [connectionId, relation, applied, sort],
  );

  useEffect(() => {
    let live = true;
    setShape(null);
    setError(null);
    workbenchApi
      .shape(client, { connectionId, relation })
      .then((s) => live && setShape(s))
      .catch((e: unknown) => live && setError(asErrorShape(e).message));
    return () => {
      live = false;
    };
  }, [client, connectionId, relation]);

  // a new query: count again, forget the pages
  useEffect(() => {
    let live = true;
    setCount(null);
    setGeneration((g) => g + 1);
    setSelected(new Set());
    workbenchApi
      .count(client, query)
      .then((c) => live && setCount(c))
      .catch((e: unknown) => live && setError(asErrorShape(e).message));
    return () => {
      live = false;
    };
  }, [client, query]);

  const columns = useMemo(() => shape?.columns.map((c) => c.name) ?? [], [shape]);
  const pk = useMemo(() => shape?.primaryKey ?? [], [shape]);
  const editable = shape !== null && shape.readOnly === null;
  const total = count?.count ?? 0;
  const insertRows = pending.inserts.length;

  const virtual = useVirtualizer({
    count: insertRows + total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 20,
    initialRect: { width: 900, height: 520 },
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  const load = useCallback(
    (pages: number[]) => {
      for (const page of pages) {
        cache.loading(page);
        const prev = cache.lastRowBefore(page);
        // keyset after the previous page's last key (rows in key order), else OFFSET (any scroll position)
        const seek = prev !== null && sort.length === 0 && pk.length > 0;
        workbenchApi
          .page(client, {
            ...query,
            limit: cache.pageSize,
            offset: page * cache.pageSize,
            ...(seek ? { after: pk.map((k) => prev[columns.indexOf(k)] ?? '') } : {}),
          })
          .then((r) => {
            cache.put(page, r.rows);
            setLastMs(r.ms);
            setTick((t) => t + 1);
          })
          .catch((e: unknown) => {
            cache.failed(page);
            setError(asErrorShape(e).message);
          });
      }
    },
    [cache, client, query, sort, pk, columns],
  );

  useEffect(() => {
    if (!shape || count === null) return;
    const missing = cache.missing(first - insertRows, last - insertRows, total);
    if (missing.length) load(missing);
  }, [shape, count, first, last, total, insertRows, cache, load]);

  // the pending change as the host would run it
  useEffect(() => {
    const changes = toChanges(pending);
    if (changes.length === 0 || !editable) {
      setPreview(null);
      return;
    }
    let live = true;
    workbenchApi
      .preview(client, { connectionId, relation, changes })
      .then(
        (r) =>
          live &&
          setPreview(
            r.statements
              .map(
                (s) =>
                  `${s.sql};${s.params.length ? `  -- ${s.params.map((p, i) => `$${i + 1} = ${p === null ? 'NULL' : `'${p}'`}`).join(', ')}` : ''}`,
              )
              .join('\n'),
          ),
      )
      .catch((e: unknown) => live && setPreview(`-- ${asErrorShape(e).message}`));
    return () => {
      live = false;
    };
  }, [client, connectionId, relation, pending, editable]);

  const apply = async () => {
    try {
      const r = await workbenchApi.apply(client, { connectionId, relation, changes: toChanges(pending) });
      setPending(EMPTY_PENDING);
      setNotice(
        `Applied ${r.statements.length} ${plural(r.statements.length, 'change')} in one transaction.`,
      );
      setGeneration((g) => g + 1);
      const c = await workbenchApi.count(client, query);
      setCount(c);
    } catch (e) {
      setNotice(null);
      setError(asErrorShape(e).message);
    }
  };

  const copy = () => {
    const rows = [...selected]
      .sort((a, b) => a - b)
      .map((i) => cache.row(i - insertRows))
      .filter((r): r is Row => !!r);
    const lines = [columns.join('\t'), ...rows.map((r) => r.map((v) => v ?? '').join('\t'))];
    void navigator.clipboard?.writeText(lines.join('\n'));
    setNotice(`Copied ${rows.length} ${plural(rows.length, 'row')} (tab-separated).`);
  };

  const exportAs = async (format: 'csv' | 'json') => {
    try {
      const r = await workbenchApi.exportRows(client, { ...query, format });
      download(`${relation.name}.${format}`, r.text, format === 'csv' ? 'text/csv' : 'application/json');
      setNotice(
        `Exported ${r.rows.toLocaleString('en-US')} rows${r.truncated ? ' (the first 200,000)' : ''}.`,
      );
    } catch (e) {
      setError(asErrorShape(e).message);
    }
  };

  const widths = useMemo(
    () =>
      shape?.columns.map((c) =>
        Math.max(80, Math.min(320, Math.max(c.name.length, c.type.length) * 8 + 40)),
      ) ?? [],
    [shape],
  );
  // The row-number column fits the last row's number (a 100k-row table needs more than 44 px).
  const numW = Math.max(44, String(total + insertRows).length * 8 + 20);
  const template = `${numW}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const width = widths.reduce((a, b) => a + b, numW);

  if (error && !shape)
    return (
      <div className="callout error" role="alert">
        {error}
      </div>
    );
  if (!shape) return <div className="wb-muted wb-pad">Reading the table…</div>;

  const sortOf = (c: string) => sort.find((s) => s.column === c)?.direction;
  const cycleSort = (c: string) =>
    setSort((s) => {
      const d = s.find((x) => x.column === c)?.direction;
      const rest = s.filter((x) => x.column !== c);
      return d === undefined
        ? [{ column: c, direction: 'asc' }, ...rest]
        : d === 'asc'
          ? [{ column: c, direction: 'desc' }, ...rest]
          : rest;
    });

  return (
    <div className="wb-data" aria-label="Data">
      <div className="wb-data-bar">
        <span className="wb-muted" data-testid="row-count">
          {count === null
            ? 'Counting…'
            : `${count.count.toLocaleString('en-US')}${count.capped ? '+' : ''} rows`}
          {lastMs !== null && ` · page in ${Math.round(lastMs)} ms`}
        </span>
        <span className="grow" />
        {selected.size > 0 && (
          <>
            <button className="btn small" onClick={copy}>
              Copy {selected.size}
            </button>
            {editable && (
              <button
                className="btn small"
                onClick={() => {
                  let p = pending;
                  for (const i of selected) {
                    const row = cache.row(i - insertRows);
                    if (row) p = toggleDelete(p, pk, rowKey(pk, columns, row));
                  }
                  setPending(p);
                  setSelected(new Set());
                }}
              >
                Delete {selected.size}
              </button>
            )}
          </>
        )}
        {editable && (
          <button className="btn small" onClick={() => setPending((p) => addInsert(p, crypto.randomUUID()))}>
            + Row
          </button>
        )}
        <button className="btn small" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button className="btn small" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <PersonaToggle
          connectionId={connectionId}
          relation={relation}
          primaryKey={pk}
          columns={columns}
          cache={cache}
          catalog={catalog}
          generation={generation}
          onHidden={setHidden}
        />
      </div>
      {shape.readOnly && <div className="wb-muted">Read-only: {shape.readOnly}</div>}
      <FilterBar
        columns={columns}
        filters={filters}
        applied={applied}
        onChange={setFilters}
        onApply={setApplied}
      />
      {error && (
        <div className="callout error" role="alert">
          {error}{' '}
          <button className="btn small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="wb-muted" role="status">
          {notice}
        </div>
      )}
      <div
        className="wb-data-grid"
        ref={scroller}
        role="grid"
        aria-label={`Rows of ${relation.schema}.${relation.name}`}
        aria-rowcount={total + insertRows + 1}
      >
        <div className="wb-data-head" role="row" style={{ gridTemplateColumns: template, width }}>
          <div role="columnheader">#</div>
          {shape.columns.map((c) => (
            <div
              key={c.name}
              role="columnheader"
              title={`${c.name} ${c.type}${pk.includes(c.name) ? ' (primary key)' : ''}`}
            >
              <button onClick={() => cycleSort(c.name)} aria-label={`Sort by ${c.name}`}>
                {pk.includes(c.name) && (
                  <span className="wb-pk" aria-hidden>
                    PK
                  </span>
                )}
                {c.name}
                {sortOf(c.name) === 'asc' ? ' ▲' : sortOf(c.name) === 'desc' ? ' ▼' : ''}
              </button>
            </div>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), width, position: 'relative' }}>
          {items.map((v) => {
            if (v.index < insertRows) {
              const ins = pending.inserts[v.index]!;
              return (
                <div
                  key={`new-${ins.id}`}
                  role="row"
                  className="wb-data-row"
                  style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template, width }}
                >
                  <div>
                    <button
                      className="wb-tab-close"
                      aria-label="Drop new row"
                      onClick={() => setPending((p) => dropInsert(p, ins.id))}
                    >
                      ×
                    </button>
                  </div>
                  {shape.columns.map((c) => {
                    const isEditing = editing?.row === ins.id && editing.column === c.name;
                    const value = ins.values[c.name];
                    return (
                      <div
                        key={c.name}
                        role="gridcell"
                        className={value !== undefined ? 'edited' : 'null'}
                        onDoubleClick={() => !c.generated && setEditing({ row: ins.id, column: c.name })}
                      >
                        {isEditing ? (
                          <CellInput
                            initial={value ?? null}
                            onDone={(val) => {
                              setEditing(null);
                              if (val !== undefined) setPending((p) => editInsert(p, ins.id, c.name, val));
                            }}
                          />
                        ) : value === undefined ? (
                          c.generated ? (
                            'generated'
                          ) : c.hasDefault ? (
                            'default'
                          ) : (
                            'NULL'
                          )
                        ) : (
                          (value ?? 'NULL')
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            }
            const index = v.index - insertRows;
            const row = cache.row(index);
            if (!row)
              return (
                <div
                  key={v.key}
                  role="row"
                  className="wb-data-row"
                  style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template, width }}
                >
                  <div className="wb-muted">{index + 1}</div>
                  <div className="wb-muted">…</div>
                </div>
              );
            const key = pk.length ? rowKey(pk, columns, row) : null;
            const kt = key ? keyText(key, pk) : String(index);
            const edit = pending.edits[kt];
            const deleted = pending.deletes[kt] !== undefined;
            const dim = hidden !== null && key !== null && hidden.has(kt);
            return (
              <div
                key={v.key}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={selected.has(v.index)}
                className={`wb-data-row${index % 2 ? ' odd' : ''}${selected.has(v.index) ? ' selected' : ''}${deleted ? ' deleted' : ''}${dim ? ' hidden-for-persona' : ''}`}
                title={dim ? 'The persona cannot see this row' : undefined}
                style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template, width }}
              >
                <div
                  className="wb-muted"
                  onClick={(e) =>
                    setSelected((s) => {
                      const next = new Set(e.metaKey || e.ctrlKey || e.shiftKey ? s : []);
                      if (next.has(v.index)) next.delete(v.index);
                      else next.add(v.index);
                      return next;
                    })
                  }
                >
                  {index + 1}
                </div>
                {shape.columns.map((c, ci) => {
                  const original = row[ci] ?? null;
                  const value = edit && c.name in edit.set ? edit.set[c.name]! : original;
                  const isEditing = editing?.row === kt && editing.column === c.name;
                  return (
                    <div
                      key={c.name}
                      role="gridcell"
                      aria-label={`${c.name}`}
                      className={`${value === null ? 'null' : ''}${edit && c.name in edit.set ? ' edited' : ''}`}
                      onDoubleClick={() =>
                        editable && key && !c.generated && !deleted && setEditing({ row: kt, column: c.name })
                      }
                      title={value !== null && value.length > 30 ? value : undefined}
                    >
                      {isEditing && key ? (
                        <CellInput
                          initial={value}
                          onDone={(val) => {
                            setEditing(null);
                            if (val !== undefined)
                              setPending((p) => editCell(p, pk, key, c.name, val, original));
                          }}
                        />
                      ) : value === null ? (
                        'NULL'
                      ) : (
                        value
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {pendingCount(pending) > 0 && (
        <div className="wb-pending" aria-label="Pending change">
          <div className="wb-row">
            <strong>
              {pendingCount(pending)} pending {plural(pendingCount(pending), 'change')}
            </strong>
            <span className="wb-muted">applied in one transaction, by primary key</span>
            <span className="grow" />
            <button className="btn primary" onClick={() => void apply()}>
              Apply
            </button>
            <button className="btn" onClick={() => setPending(EMPTY_PENDING)}>
              Discard
            </button>
          </div>
          {preview && <pre aria-label="Pending SQL">{preview}</pre>}
        </div>
      )}
    </div>
  );
}
