import type { Index, Relation } from '../../../shared/model/catalog.js';
import { Badge } from '../../shell/Badge.js';
import { DataTable } from '../../shell/DataTable.js';

export function IndexesTab({ relation }: { relation: Relation }) {
  return (
    <DataTable<Index>
      label="Indexes"
      rows={relation.indexes}
      rowKey={(i) => i.name}
      empty="No indexes."
      columns={[
        {
          key: 'name',
          header: 'Name',
          className: 'mono',
          cell: (i) => (
            <>
              <b>{i.name}</b> {i.primary && <Badge tone="violet">PRIMARY</Badge>}{' '}
              {i.unique && !i.primary && <Badge tone="info">UNIQUE</Badge>}{' '}
              {!i.valid && <Badge tone="danger">INVALID</Badge>}
            </>
          ),
        },
        { key: 'method', header: 'Method', className: 'mono', cell: (i) => i.method },
        {
          key: 'cols',
          header: 'Columns',
          className: 'mono',
          cell: (i) => (
            <>
              {i.columns.map((c) => c ?? '(expression)').join(', ')}
              {i.include.length > 0 && <span className="muted"> INCLUDE ({i.include.join(', ')})</span>}
            </>
          ),
        },
        {
          key: 'pred',
          header: 'Where',
          className: 'mono',
          cell: (i) => i.predicate ?? <span className="muted">—</span>,
        },
        { key: 'def', header: 'Definition', cell: (i) => <span className="sql">{i.definition}</span> },
      ]}
    />
  );
}
