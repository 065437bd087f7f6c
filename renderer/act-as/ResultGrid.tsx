import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { EmptyState } from '../shell/EmptyState.js';
import { cellText, type Tabular } from './response-body.js';
import { plural } from '../../shared/text/plural.js';

const ROW_H = 28;

/**
 * Rows in a virtualised grid: only what is on screen is in the DOM, so 10,000 rows render as fast as 30.
 * Column widths are estimated from the header and the first rows. `onRendered` reports the first paint
 * (for the performance budget).
 */
export function ResultGrid({
  table,
  label,
  highlight,
  onRendered,
  fit,
  numeric,
}: {
  table: Tabular;
  /** Columns of a numeric type (values arrive as text, e.g. the workbench's): right-aligned like numbers. */
  numeric?: ReadonlySet<string>;
  /** Size to the rows (up to a limit) instead of filling the parent: small results in a list. */
  fit?: boolean;
  label: string;
  /** Per row: a class for the whole row (e.g. only one persona sees it) and the columns that differ. */
  highlight?: (row: number) => { className?: string; columns?: readonly string[] } | null;
  onRendered?: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: table.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 12,
    // jsdom and the first layout pass have no size yet: render a first screenful anyway
    initialRect: { width: 800, height: 480 },
  });
  const widths = useMemo(() => {
    // first, middle and last rows: widths fit values that grow along the result (ids, counters, labels)
    const n = table.rows.length;
    const mid = Math.floor(n / 2);
    const sample = [
      ...table.rows.slice(0, 40),
      ...table.rows.slice(mid, mid + 20),
      ...table.rows.slice(Math.max(40, n - 40)),
    ];
    return table.columns.map((c, ci) => {
      const longest = Math.max(c.length, ...sample.map((r) => Math.min(60, cellText(r[ci]).length)));
      return Math.max(64, Math.min(420, longest * 7.5 + 24));
    });
  }, [table]);
  const template = widths.map((w) => `${w}px`).join(' ');
  // The row-number column fits the last number (100000 needs more than 56 px).
  const numW = Math.max(48, String(table.rows.length).length * 8 + 24);
  const total = widths.reduce((a, b) => a + b, 0) + numW;
  const rendered = useRef(false);
  useEffect(() => {
    if (!rendered.current) {
      rendered.current = true;
      onRendered?.();
    }
  }, [onRendered]);

  if (table.columns.length === 0)
    return (
      <div className="aa-muted aa-pad">{table.rows.length === 0 ? 'No rows.' : 'Rows without columns.'}</div>
    );
  // No header over nothing: say it is empty and which columns it would have had.
  if (table.rows.length === 0)
    return (
      <div className="aa-grid-empty">
        <EmptyState compact icon="∅" title="No rows">
          {table.columns.length} {plural(table.columns.length, 'column')}:{' '}
          <span className="mono">{table.columns.join(', ')}</span>
        </EmptyState>
      </div>
    );
  return (
    <div
      className="aa-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={table.rows.length + 1}
      ref={scroller}
      style={
        fit
          ? { height: Math.min(420, 32 + table.rows.length * ROW_H + 2), minHeight: 0, flex: 'none' }
          : undefined
      }
    >
      <div
        className="aa-grid-head"
        role="row"
        style={{ gridTemplateColumns: `${numW}px ${template}`, width: total }}
      >
        <div role="columnheader" className="aa-grid-num">
          #
        </div>
        {table.columns.map((c) => (
          <div key={c} role="columnheader" title={c}>
            {c}
          </div>
        ))}
      </div>
      <div style={{ height: virtual.getTotalSize(), width: total, position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const row = table.rows[v.index]!;
          const h = highlight?.(v.index) ?? null;
          return (
            <div
              key={v.key}
              role="row"
              aria-rowindex={v.index + 2}
              className={`aa-grid-row${v.index % 2 ? ' odd' : ''}${h?.className ? ` ${h.className}` : ''}`}
              style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: `${numW}px ${template}` }}
            >
              <div className="aa-grid-num">{v.index + 1}</div>
              {table.columns.map((c, ci) => {
                const value = row[ci];
                const text = cellText(value);
                return (
                  <div
                    key={c}
                    role="gridcell"
                    title={text.length > 40 ? text : undefined}
                    className={`${value === null ? 'null' : typeof value === 'number' || numeric?.has(c) ? 'num' : ''}${h?.columns?.includes(c) ? ' diff' : ''}`}
                  >
                    {text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
