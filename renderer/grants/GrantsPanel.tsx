import { useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { asErrorShape } from '../client/index.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import { usePlanMutation, type PlanResult } from '../roles/api.js';
import { useRoleConfig } from '../roles/config.js';
import '../roles/roles.css';
import './grants.css';
import { DefaultPrivileges } from './DefaultPrivileges.js';
import { GrantsMatrix } from './GrantsMatrix.js';

/** The grants panel: the objects × roles matrix and the default privileges, edits queued in the change set. */
export default function GrantsPanel({ connectionId }: PanelProps) {
  const catalog = useCatalogQuery(connectionId);
  if (catalog.isPending) return <Loading label="Reading privileges…" />;
  if (catalog.error)
    return <ErrorCallout error={asErrorShape(catalog.error)} title="The catalog could not be read" />;
  return <GrantsView connectionId={connectionId} catalog={catalog.data} />;
}

function GrantsView({ connectionId, catalog }: { connectionId: string; catalog: Catalog }) {
  const [tab, setTab] = useState<'matrix' | 'defaults'>('matrix');
  const config = useRoleConfig(connectionId);
  const plan = usePlanMutation(connectionId, 'grants');
  const [notice, setNotice] = useState<PlanResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const queue = (changes: RoleChangeInput[]) => {
    if (changes.length === 0) return;
    setError(null);
    plan.mutate({ changes, queue: true }, { onSuccess: setNotice, onError: setError });
  };
  const errors = notice?.problems.filter((p) => p.severity === 'error') ?? [];
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
      {error !== null && (
        <ErrorCallout error={asErrorShape(error)} title="The change could not be prepared" />
      )}
      {notice && (
        <div
          className={`plan-notice ${errors.length > 0 ? 'error' : 'ok'}`}
          role="status"
          data-testid="plan-notice"
        >
          <div className="grow">
            {errors.length > 0 ? (
              <>
                <b>Not queued:</b>
                <ul>
                  {errors.map((p, i) => (
                    <li key={i}>
                      {p.message} {p.hint && <span className="muted">{p.hint}</span>}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <>
                Queued {notice.statements.length} statement{notice.statements.length === 1 ? '' : 's'}:{' '}
                <span className="mono">
                  {notice.statements
                    .map((s) => s.sql)
                    .slice(0, 3)
                    .join('; ')}
                </span>
                {notice.statements.length > 3 && ' …'} — apply from the change set (
                <kbd className="kbd">C</kbd>).
              </>
            )}
          </div>
          <button className="btn ghost small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {tab === 'matrix' ? (
        <GrantsMatrix catalog={catalog} config={config} onQueue={queue} busy={plan.isPending} />
      ) : (
        <DefaultPrivileges catalog={catalog} onQueue={queue} busy={plan.isPending} />
      )}
    </div>
  );
}
