import type { Column as ModelColumn, Relation } from '../../../shared/model/catalog.js';
import { Badge } from '../../shell/Badge.js';
import { DataTable } from '../../shell/DataTable.js';

export function ColumnsTab({ relation }: { relation: Relation }) {
  const pk = new Set(relation.constraints.filter((c) => c.kind === 'primary_key').flatMap((c) => c.columns));
  const fk = new Set(relation.constraints.filter((c) => c.kind === 'foreign_key').flatMap((c) => c.columns));
  const isView = relation.kind === 'view' || relation.kind === 'materialized_view';
  return (
    <DataTable<ModelColumn>
      label="Columns"
      rows={relation.columns}
      rowKey={(c) => c.name}
      empty="This relation has no columns."
      columns={[
        { key: 'pos', header: '#', cell: (c) => <span className="muted">{c.position}</span> },
        {
          key: 'name',
          header: 'Name',
          className: 'mono',
          cell: (c) => (
            <>
              <b>{c.name}</b>{' '}
              {pk.has(c.name) && (
                <Badge tone="violet" title="Primary key">
                  PK
                </Badge>
              )}{' '}
              {fk.has(c.name) && (
                <Badge tone="info" title="Foreign key">
                  FK
                </Badge>
              )}
            </>
          ),
        },
        {
          key: 'type',
          header: 'Type',
          className: 'mono',
          cell: (c) => <span className="type">{c.type.formatted}</span>,
        },
        {
          key: 'null',
          header: 'Nullable',
          cell: (c) =>
            c.notNull ? <span className="mono">NOT NULL</span> : <span className="muted">null</span>,
        },
        {
          key: 'default',
          header: 'Default',
          className: 'mono',
          cell: (c) =>
            c.generated ? (
              <span title="Generated column">
                <Badge tone="outline">{c.generated}</Badge> {c.generation}
              </span>
            ) : (
              (c.default ?? <span className="muted">—</span>)
            ),
        },
        {
          key: 'identity',
          header: 'Identity',
          cell: (c) =>
            c.identity ? (
              <Badge tone="info">{c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}</Badge>
            ) : (
              <span className="muted">—</span>
            ),
        },
        ...(isView
          ? [
              {
                key: 'source',
                header: 'Source',
                className: 'mono',
                cell: (c: ModelColumn) =>
                  c.source ? (
                    `${c.source.schema}.${c.source.table}.${c.source.column}`
                  ) : (
                    <span className="muted">expression</span>
                  ),
              },
            ]
          : []),
        { key: 'comment', header: 'Comment', cell: (c) => c.comment ?? <span className="muted">—</span> },
      ]}
    />
  );
}
