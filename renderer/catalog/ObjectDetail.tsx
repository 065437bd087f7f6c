import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import type { Catalog, ObjectRef } from '../../shared/model/catalog.js';
import { Badge } from '../shell/Badge.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ObjectGrants } from '../grants/ObjectGrants.js';
import { KindIcon } from './KindIcon.js';
import { findObject, grantsFor, policiesFor, type CatalogObject } from './lookup.js';
import { relationNavKind, rlsState } from './navigator-model.js';
import { RlsBadge } from './RlsBadge.js';
import { ColumnsTab } from './tabs/ColumnsTab.js';
import { ConstraintsTab } from './tabs/ConstraintsTab.js';
import { DdlTab } from './tabs/DdlTab.js';
import { IndexesTab } from './tabs/IndexesTab.js';
import { FunctionOverview, SchemaOverview, SequenceOverview, TypeOverview } from './tabs/OverviewTabs.js';
import { PoliciesTab } from './tabs/PoliciesTab.js';
import { TriggersTab } from './tabs/TriggersTab.js';

/** The rows of a relation (renderer/workbench), loaded when the tab is opened. */
const DataTab = lazy(() => import('../workbench/DataTab.js'));

interface Tab {
  readonly id: string;
  readonly label: string;
  readonly count?: number;
  readonly render: () => ReactNode;
}

const relationKindLabel = {
  table: 'table',
  view: 'view',
  materialized_view: 'materialized view',
  partitioned_table: 'partitioned table',
  foreign_table: 'foreign table',
} as const;

function tabsFor(
  connectionId: string,
  catalog: Catalog,
  obj: CatalogObject,
  onOpen: (ref: ObjectRef) => void,
): Tab[] {
  const ddlTab = (object: ObjectRef): Tab => ({
    id: 'ddl',
    label: 'DDL',
    render: () => <DdlTab connectionId={connectionId} object={object} />,
  });
  switch (obj.kind) {
    case 'relation': {
      const r = obj.value;
      const ref: ObjectRef = { kind: 'relation', schema: r.schema, name: r.name };
      const grants = grantsFor(catalog, ref);
      const policies = policiesFor(catalog, r);
      const isView = relationNavKind(r) === 'view';
      return [
        {
          id: 'columns',
          label: 'Columns',
          count: r.columns.length,
          render: () => <ColumnsTab relation={r} />,
        },
        ...(isView
          ? []
          : [
              {
                id: 'constraints',
                label: 'Constraints',
                count: r.constraints.length,
                render: () => <ConstraintsTab relation={r} onOpen={onOpen} />,
              },
              {
                id: 'indexes',
                label: 'Indexes',
                count: r.indexes.length,
                render: () => <IndexesTab relation={r} />,
              },
            ]),
        {
          id: 'triggers',
          label: 'Triggers',
          count: r.triggers.length,
          render: () => <TriggersTab relation={r} onOpen={onOpen} />,
        },
        ...(isView
          ? []
          : [
              {
                id: 'policies',
                label: 'Policies',
                count: policies.length,
                render: () => <PoliciesTab relation={r} policies={policies} />,
              },
            ]),
        {
          id: 'grants',
          label: 'Grants',
          count: new Set([...grants.object, ...grants.columns].map((g) => JSON.stringify(g.grantee))).size,
          render: () => <ObjectGrants connectionId={connectionId} catalog={catalog} object={ref} />,
        },
        ddlTab(ref),
        {
          id: 'data',
          label: 'Data',
          render: () => (
            <Suspense fallback={<Loading />}>
              <DataTab relation={r} catalog={catalog} />
            </Suspense>
          ),
        },
      ];
    }
    case 'function': {
      const f = obj.value;
      return [
        { id: 'overview', label: 'Overview', render: () => <FunctionOverview fn={f} onOpen={onOpen} /> },
        {
          id: 'grants',
          label: 'Grants',
          render: () => (
            <ObjectGrants
              connectionId={connectionId}
              catalog={catalog}
              object={{ kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs }}
            />
          ),
        },
        ddlTab({ kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs }),
      ];
    }
    case 'sequence': {
      const s = obj.value;
      return [
        { id: 'overview', label: 'Overview', render: () => <SequenceOverview seq={s} /> },
        {
          id: 'grants',
          label: 'Grants',
          render: () => (
            <ObjectGrants
              connectionId={connectionId}
              catalog={catalog}
              object={{ kind: 'sequence', schema: s.schema, name: s.name }}
            />
          ),
        },
        ddlTab({ kind: 'sequence', schema: s.schema, name: s.name }),
      ];
    }
    case 'type': {
      const t = obj.value;
      return [
        { id: 'overview', label: 'Overview', render: () => <TypeOverview type={t} /> },
        {
          id: 'grants',
          label: 'Grants',
          render: () => (
            <ObjectGrants
              connectionId={connectionId}
              catalog={catalog}
              object={{ kind: 'type', schema: t.schema, name: t.name }}
            />
          ),
        },
        ddlTab({ kind: 'type', schema: t.schema, name: t.name }),
      ];
    }
    case 'schema': {
      const s = obj.value;
      return [
        {
          id: 'overview',
          label: 'Overview',
          render: () => <SchemaOverview catalog={catalog} schema={s} onOpen={onOpen} />,
        },
        {
          id: 'grants',
          label: 'Grants',
          render: () => (
            <ObjectGrants
              connectionId={connectionId}
              catalog={catalog}
              object={{ kind: 'schema', schema: null, name: s.name }}
            />
          ),
        },
        ddlTab({ kind: 'schema', schema: null, name: s.name }),
      ];
    }
  }
}

function Header({ obj }: { obj: CatalogObject }) {
  let icon: ReactNode;
  let kindText: string;
  let schema: string | null;
  let title: string;
  const badges: ReactNode[] = [];
  const meta: ReactNode[] = [];
  const v = obj.value;
  switch (obj.kind) {
    case 'relation': {
      const r = obj.value;
      icon = <KindIcon kind={relationNavKind(r)} />;
      kindText = relationKindLabel[r.kind];
      schema = r.schema;
      title = r.name;
      if (relationNavKind(r) === 'table') badges.push(<RlsBadge key="rls" state={rlsState(r)} />);
      if (r.securityInvoker)
        badges.push(
          <Badge key="si" tone="ok">
            security_invoker
          </Badge>,
        );
      if (relationNavKind(r) === 'view' && !r.securityInvoker)
        badges.push(
          <Badge
            key="sd"
            tone="warn"
            title="The view reads its tables with its owner's rights, bypassing the caller's RLS."
          >
            runs as owner
          </Badge>,
        );
      if (r.estimatedRows !== null && r.estimatedRows >= 0)
        meta.push(
          <span key="rows">
            ~<b>{Math.round(r.estimatedRows).toLocaleString()}</b> rows
          </span>,
        );
      meta.push(
        <span key="cols">
          <b>{r.columns.length}</b> columns
        </span>,
      );
      break;
    }
    case 'function':
      icon = <KindIcon kind="function" />;
      kindText = obj.value.kind;
      schema = obj.value.schema;
      title = `${obj.value.name}(${obj.value.identityArgs})`;
      break;
    case 'sequence':
      icon = <KindIcon kind="sequence" />;
      kindText = 'sequence';
      schema = obj.value.schema;
      title = obj.value.name;
      break;
    case 'type':
      icon = <KindIcon kind="type" />;
      kindText = `${obj.value.kind} type`;
      schema = obj.value.schema;
      title = obj.value.name;
      break;
    case 'schema':
      icon = <KindIcon kind="schema" />;
      kindText = 'schema';
      schema = null;
      title = obj.value.name;
      break;
  }
  return (
    <>
      <div className="crumbs">
        {schema !== null && (
          <>
            <span className="mono">{schema}</span> <span aria-hidden>›</span>
          </>
        )}
        <span>{kindText}</span>
      </div>
      <div className="detail-title">
        {icon}
        <h1>{title}</h1>
        {badges}
      </div>
      <div className="detail-meta">
        <span>
          owner <b className="mono">{v.owner}</b>
        </span>
        {meta}
      </div>
      {v.comment && <p className="detail-comment">{v.comment}</p>}
    </>
  );
}

/** The object a pgAdmin user expects to inspect, tab by tab. */
export function ObjectDetail({
  connectionId,
  catalog,
  selected,
  tab,
  onTab,
  onOpen,
}: {
  connectionId: string;
  catalog: Catalog;
  selected: ObjectRef;
  tab: string | null;
  onTab(tab: string): void;
  onOpen(ref: ObjectRef): void;
}) {
  const obj = useMemo(() => findObject(catalog, selected), [catalog, selected]);
  const tabs = useMemo(
    () => (obj ? tabsFor(connectionId, catalog, obj, onOpen) : []),
    [connectionId, catalog, obj, onOpen],
  );
  if (!obj) {
    return (
      <EmptyState icon="?" title="This object is not in the catalog">
        <span className="mono">
          {selected.schema ? `${selected.schema}.` : ''}
          {selected.name}
        </span>{' '}
        may have been dropped or renamed. Pick another object in the navigator.
      </EmptyState>
    );
  }
  const current = tabs.find((t) => t.id === tab) ?? tabs[0]!;
  return (
    <section className="detail" aria-label="Object detail">
      <div className="detail-head">
        <Header obj={obj} />
        <div className="tabs" role="tablist" aria-label="Object details">
          {tabs.map((t) => (
            <button
              key={t.id}
              role="tab"
              className="tab"
              aria-selected={t.id === current.id}
              onClick={() => onTab(t.id)}
            >
              {t.label}
              {t.count !== undefined && <span className="count">{t.count}</span>}
            </button>
          ))}
        </div>
      </div>
      <div className="detail-body" role="tabpanel" aria-label={current.label}>
        {current.render()}
      </div>
    </section>
  );
}
