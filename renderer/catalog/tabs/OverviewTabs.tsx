import type {
  Catalog,
  FunctionArg,
  FunctionInfo,
  ObjectRef,
  Relation,
  SchemaInfo,
  Sequence,
  UserType,
} from '../../../shared/model/catalog.js';
import { catalogIndex } from '../../../shared/model/catalog-index.js';
import { Badge } from '../../shell/Badge.js';
import { DataTable } from '../../shell/DataTable.js';
import { relationNavKind, rlsState } from '../navigator-model.js';
import { RlsBadge } from '../RlsBadge.js';
import type { ReactNode } from 'react';

function Props({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <div className="table-wrap" style={{ maxWidth: 720 }}>
      <table className="table" aria-label="Properties">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th
                scope="row"
                className="rowhead"
                style={{ width: 200, fontFamily: 'var(--font-ui)', color: 'var(--text-muted)' }}
              >
                {k}
              </th>
              <td className="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FunctionOverview({ fn, onOpen }: { fn: FunctionInfo; onOpen(ref: ObjectRef): void }) {
  return (
    <>
      <div className="detail-meta">
        <Badge tone="info">{fn.volatility}</Badge>
        {fn.securityDefiner ? (
          <Badge tone="warn" title="Runs with the owner's privileges, not the caller's.">
            SECURITY DEFINER
          </Badge>
        ) : (
          <Badge tone="outline">security invoker</Badge>
        )}
        {fn.strict && <Badge tone="outline">STRICT</Badge>}
        {fn.leakproof && <Badge tone="outline">LEAKPROOF</Badge>}
        <Badge tone="outline">parallel {fn.parallel}</Badge>
      </div>
      <h3 className="section-title">Arguments</h3>
      <DataTable<FunctionArg>
        label="Arguments"
        rows={fn.args}
        rowKey={(a) => String(a.position)}
        empty="No arguments."
        columns={[
          { key: 'pos', header: '#', cell: (a) => <span className="muted">{a.position}</span> },
          {
            key: 'name',
            header: 'Name',
            className: 'mono',
            cell: (a) => a.name ?? <span className="muted">(unnamed)</span>,
          },
          { key: 'mode', header: 'Mode', cell: (a) => <Badge tone="outline">{a.mode.toUpperCase()}</Badge> },
          {
            key: 'type',
            header: 'Type',
            className: 'mono',
            cell: (a) => <span className="type">{a.type.formatted}</span>,
          },
          {
            key: 'default',
            header: 'Default',
            className: 'mono',
            cell: (a) => a.default ?? <span className="muted">—</span>,
          },
        ]}
      />
      <h3 className="section-title">Returns</h3>
      <Props
        rows={[
          ['Result', <span className="type">{fn.returns.text ?? fn.returns.type.formatted}</span>],
          [
            'Relation',
            fn.returns.relation ? (
              <button
                className="link"
                onClick={() =>
                  onOpen({
                    kind: 'relation',
                    schema: fn.returns.relation!.schema,
                    name: fn.returns.relation!.name,
                  })
                }
              >
                {fn.returns.relation.schema}.{fn.returns.relation.name}
              </button>
            ) : (
              <span className="muted">—</span>
            ),
          ],
          ['Language', fn.language],
          [
            'Settings',
            fn.config.length ? (
              fn.config.map((s) => `${s.name}=${s.value}`).join(', ')
            ) : (
              <span className="muted">—</span>
            ),
          ],
          ['Cost / rows', `${fn.cost} / ${fn.rows}`],
        ]}
      />
    </>
  );
}

export function SequenceOverview({ seq }: { seq: Sequence }) {
  return (
    <Props
      rows={[
        ['Data type', <span className="type">{seq.dataType}</span>],
        ['Start', seq.start],
        ['Increment', seq.increment],
        ['Min / max', `${seq.min} … ${seq.max}`],
        ['Cache', seq.cache],
        ['Cycle', seq.cycle ? 'yes' : 'no'],
        [
          'Owned by',
          seq.ownedBy ? (
            `${seq.ownedBy.schema}.${seq.ownedBy.table}.${seq.ownedBy.column}`
          ) : (
            <span className="muted">—</span>
          ),
        ],
        ['Identity', seq.identity ? 'yes (identity column)' : 'no'],
      ]}
    />
  );
}

export function TypeOverview({ type }: { type: UserType }) {
  if (type.kind === 'enum')
    return (
      <div className="detail-meta">
        {type.labels.map((l) => (
          <Badge key={l} tone="outline">
            {l}
          </Badge>
        ))}
      </div>
    );
  if (type.kind === 'domain' && type.domain)
    return (
      <Props
        rows={[
          ['Base type', <span className="type">{type.domain.baseType.formatted}</span>],
          ['Not null', type.domain.notNull ? 'yes' : 'no'],
          ['Default', type.domain.default ?? <span className="muted">—</span>],
          [
            'Checks',
            type.domain.constraints.map((c) => c.definition).join('; ') || <span className="muted">—</span>,
          ],
        ]}
      />
    );
  if (type.kind === 'composite')
    return (
      <DataTable
        label="Attributes"
        rows={type.attributes}
        rowKey={(a) => a.name}
        empty="No attributes."
        columns={[
          { key: 'name', header: 'Name', className: 'mono', cell: (a) => a.name },
          {
            key: 'type',
            header: 'Type',
            className: 'mono',
            cell: (a) => <span className="type">{a.type.formatted}</span>,
          },
        ]}
      />
    );
  return (
    <Props
      rows={[
        ['Kind', type.kind],
        ['Subtype', type.rangeSubtype?.formatted ?? '—'],
      ]}
    />
  );
}

export function SchemaOverview({
  catalog,
  schema,
  onOpen,
}: {
  catalog: Catalog;
  schema: SchemaInfo;
  onOpen(ref: ObjectRef): void;
}) {
  const index = catalogIndex(catalog);
  const contents = index.inSchema(schema.name);
  const rels = contents.relations;
  const tables = rels.filter((r) => r.kind !== 'view' && r.kind !== 'materialized_view');
  const policyCount = (r: Relation) => index.policies(r.schema, r.name).length;
  return (
    <>
      <Props
        rows={[
          ['Owner', schema.owner],
          ['Tables', `${tables.length} (${tables.filter((t) => t.rlsEnabled).length} with RLS)`],
          ['Views', String(rels.length - tables.length)],
          ['Functions', String(contents.functions.length)],
          ['Sequences', String(contents.sequences.length)],
          ['Types', String(contents.types.length)],
          ['Created by extension', schema.extension ?? '—'],
        ]}
      />
      <h3 className="section-title">Row level security by relation</h3>
      <DataTable<Relation>
        label="Relations"
        rows={rels}
        rowKey={(r) => r.name}
        empty="No tables or views in this schema."
        columns={[
          {
            key: 'name',
            header: 'Relation',
            className: 'mono',
            cell: (r) => (
              <button
                className="link"
                onClick={() => onOpen({ kind: 'relation', schema: r.schema, name: r.name })}
              >
                {r.name}
              </button>
            ),
          },
          { key: 'kind', header: 'Kind', cell: (r) => r.kind.replace('_', ' ') },
          {
            key: 'rls',
            header: 'RLS',
            cell: (r) =>
              relationNavKind(r) === 'table' ? (
                <RlsBadge state={rlsState(r)} />
              ) : r.securityInvoker ? (
                <Badge tone="ok">security_invoker</Badge>
              ) : (
                <Badge tone="warn">runs as owner</Badge>
              ),
          },
          {
            key: 'policies',
            header: 'Policies',
            cell: (r) => policyCount(r) || <span className="muted">0</span>,
          },
          { key: 'owner', header: 'Owner', className: 'mono', cell: (r) => r.owner },
          { key: 'comment', header: 'Comment', cell: (r) => r.comment ?? <span className="muted">—</span> },
        ]}
      />
    </>
  );
}
