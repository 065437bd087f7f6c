import type { ObjectRef, Relation, Trigger } from '../../../shared/model/catalog.js';
import { Badge } from '../../shell/Badge.js';
import { DataTable } from '../../shell/DataTable.js';

export function TriggersTab({ relation, onOpen }: { relation: Relation; onOpen(ref: ObjectRef): void }) {
  return (
    <DataTable<Trigger>
      label="Triggers"
      rows={relation.triggers}
      rowKey={(t) => t.name}
      empty="No triggers."
      columns={[
        { key: 'name', header: 'Name', className: 'mono', cell: (t) => <b>{t.name}</b> },
        {
          key: 'when',
          header: 'When',
          cell: (t) => (
            <span className="mono">
              {t.timing.replace('_', ' ').toUpperCase()} {t.events.map((e) => e.toUpperCase()).join(' OR ')}
            </span>
          ),
        },
        { key: 'level', header: 'For each', cell: (t) => t.level },
        {
          key: 'fn',
          header: 'Function',
          className: 'mono',
          cell: (t) => (
            <button
              className="link"
              onClick={() =>
                onOpen({
                  kind: 'function',
                  schema: t.function.schema,
                  name: t.function.name,
                  args: t.function.args,
                })
              }
            >
              {t.function.schema}.{t.function.name}({t.function.args})
            </button>
          ),
        },
        {
          key: 'enabled',
          header: 'Enabled',
          cell: (t) =>
            t.enabled === 'disabled' ? (
              <Badge tone="warn">disabled</Badge>
            ) : (
              <Badge tone="ok">{t.enabled === 'origin' ? 'enabled' : t.enabled}</Badge>
            ),
        },
      ]}
    />
  );
}
