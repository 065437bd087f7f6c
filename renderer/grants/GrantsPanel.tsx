import { useEffect, useState } from 'react';
import type { FocusTarget } from '../../shared/contract/focus.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { asErrorShape } from '../client/index.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import { useRoleConfig } from '../roles/config.js';
import '../roles/roles.css';
import './grants.css';
import { DefaultPrivileges } from './DefaultPrivileges.js';
import { GrantsMatrix } from './GrantsMatrix.js';
import { PlanNotice, usePlanQueue } from '../roles/PlanNotice.js';

/** The grants panel: the objects × roles matrix and the default privileges, edits queued in the change set. */
export default function GrantsPanel({ connectionId, focus }: PanelProps) {
  const catalog = useCatalogQuery(connectionId);
  if (catalog.isPending) return <Loading label="Reading privileges…" />;
  if (catalog.error)
    return <ErrorCallout error={asErrorShape(catalog.error)} title="The catalog could not be read" />;
  return <GrantsView connectionId={connectionId} catalog={catalog.data} focus={focus ?? null} />;
}

function GrantsView({
  connectionId,
  catalog,
  focus,
}: {
  connectionId: string;
  catalog: Catalog;
  /** A link's target (shell/route.ts): a matrix cell, or an owner's default privileges. */
  focus: FocusTarget | null;
}) {
  const cell = focus?.view === 'grant' ? focus : null;
  const owner = focus?.view === 'default-privileges' ? focus.owner : null;
  const [tab, setTab] = useState<'matrix' | 'defaults'>(owner !== null ? 'defaults' : 'matrix');
  useEffect(() => {
    if (focus?.view === 'grant') setTab('matrix');
    if (focus?.view === 'default-privileges') setTab('defaults');
  }, [focus]);
  const config = useRoleConfig(connectionId);
  const plan = usePlanQueue(connectionId, 'grants');
  return (
    <div className="grants-panel">
      <div className="grants-tabs" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'matrix'}
          className="panel-tab"
          onClick={() => setTab('matrix')}
        >
          Matrix
        </button>
        <button
          role="tab"
          aria-selected={tab === 'defaults'}
          className="panel-tab"
          onClick={() => setTab('defaults')}
        >
          Default privileges
        </button>
      </div>
      <PlanNotice queue={plan} />
      {tab === 'matrix' ? (
        <GrantsMatrix
          catalog={catalog}
          config={config}
          onQueue={plan.queue}
          busy={plan.busy}
          focus={cell === null ? undefined : { object: cell.object, grantee: cell.grantee }}
        />
      ) : (
        <DefaultPrivileges
          key={owner ?? ''}
          catalog={catalog}
          onQueue={plan.queue}
          busy={plan.busy}
          owner={owner ?? undefined}
        />
      )}
    </div>
  );
}
