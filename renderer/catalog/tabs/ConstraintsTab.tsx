import type { Constraint, ObjectRef, Relation } from '../../../shared/model/catalog.js';
import { Badge, type BadgeTone } from '../../shell/Badge.js';
import { DataTable } from '../../shell/DataTable.js';

const kindLabel: Record<Constraint['kind'], [string, BadgeTone]> = {
  primary_key: ['PRIMARY KEY', 'violet'],
  unique: ['UNIQUE', 'info'],
  check: ['CHECK', 'neutral'],
  foreign_key: ['FOREIGN KEY', 'info'],
  exclusion: ['EXCLUDE', 'neutral'],
};

export function ConstraintsTab({ relation, onOpen }: { relation: Relation; onOpen(ref: ObjectRef): void }) {
  return (
    <DataTable<Constraint>
      label="Constraints"
      rows={relation.constraints}
      rowKey={(c) => c.name}
      empty="No constraints."
      columns={[
        { key: 'name', header: 'Name', className: 'mono', cell: (c) => <b>{c.name}</b> },
        {
          key: 'kind',
          header: 'Kind',
          cell: (c) => <Badge tone={kindLabel[c.kind][1]}>{kindLabel[c.kind][0]}</Badge>,
        },
        {
          key: 'cols',
          header: 'Columns',
          className: 'mono',
          cell: (c) => c.columns.join(', ') || <span className="muted">—</span>,
        },
        {
          key: 'target',
          header: 'References',
          className: 'mono',
          cell: (c) =>
            c.foreignKey ? (
              <button
                className="link"
                onClick={() =>
                  onOpen({
                    kind: 'relation',
                    schema: c.foreignKey!.table.schema,
                    name: c.foreignKey!.table.name,
                  })
                }
                title="Open the referenced table"
              >
                {c.foreignKey.table.schema}.{c.foreignKey.table.name}({c.foreignKey.columns.join(', ')})
              </button>
            ) : (
              <span className="muted">—</span>
            ),
        },
        {
          key: 'def',
          header: 'Definition',
          cell: (c) => (
            <span className="sql">
              {c.definition}
              {!c.validated && (
                <>
                  {' '}
                  <Badge tone="warn">NOT VALID</Badge>
                </>
              )}
              {c.deferrable && (
                <>
                  {' '}
                  <Badge tone="outline">{c.deferred ? 'DEFERRED' : 'DEFERRABLE'}</Badge>
                </>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}
