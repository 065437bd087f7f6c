import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState.js';

export interface Column<T> {
  readonly key: string;
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  readonly className?: string;
}

/** A readable table: sticky header, zebra rows, monospace where a column asks for it; no rows, no header. */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty,
  emptyDetail,
  label,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** What to say instead of a header over no rows. */
  empty: ReactNode;
  /** A line under it: why it is empty or what to do. */
  emptyDetail?: ReactNode;
  label: string;
}) {
  if (rows.length === 0)
    return (
      <EmptyState compact icon="∅" title={empty}>
        {emptyDetail}
      </EmptyState>
    );
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className?.includes('center') ? 'center' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
