import { lazy, Suspense, useState } from 'react';
import { asErrorShape } from '../client/index.js';
import { useChangeSetQuery, useQueueChanges } from '../changeset/queries.js';
import { Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import './advisor.css';
import type { FindingView } from './api.js';
import { FindingCard, linkTab } from './FindingCard.js';
import { fixStatements, groupFindings } from './findings-model.js';
import { useAdvisorMutations, useAdvisorQuery } from './queries.js';
import { ReachTable } from './ReachTable.js';

const ReachGraphView = lazy(() => import('./ReachGraphView.js'));
const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Notes' } as const;

/** The exposure advisor: findings by severity beside the reach map (a table and a picture). */
export default function AdvisorPanel({ connectionId, openObject }: PanelProps) {
  const report = useAdvisorQuery(connectionId);
  const { rerun, acknowledge } = useAdvisorMutations(connectionId);
  const queue = useQueueChanges(connectionId);
  const changes = useChangeSetQuery(connectionId);
  const [view, setView] = useState<'table' | 'picture'>('table');
  const [role, setRole] = useState<string | null>(null);

  if (report.isPending) return <Loading label="Reviewing the database…" />;
  if (report.error)
    return <ErrorCallout error={asErrorShape(report.error)} title="The advisor could not run" />;
  const r = report.data;
  const queued = new Set(
    (changes.data?.statements ?? [])
      .filter((s) => s.origin.panel === 'advisor')
      .map((s) => `${s.origin.action}\0${s.origin.object}`),
  );
  const isQueued = (f: FindingView) => queued.has(`fix ${f.id}\0${f.object}`);
  const open = r.findings.filter((f) => f.acknowledged === null);
  const count = (s: FindingView['severity']) => open.filter((f) => f.severity === s).length;

  return (
    <div className="adv-panel">
      <section className="adv-findings" aria-label="Findings">
        <header className="adv-head">
          <h2>Advisor</h2>
          <span className="adv-counts" aria-label="Counts">
            {count('error')} errors · {count('warning')} warnings · {count('info')} notes
          </span>
          <button
            type="button"
            className="btn small"
            onClick={() => rerun.mutate()}
            disabled={rerun.isPending}
          >
            {rerun.isPending ? 'Re-running…' : 'Re-run'}
          </button>
        </header>
        {r.assumptions.length > 0 && (
          <div className="callout" role="note" aria-label="Assumptions">
            <div>
              <div className="title">What the advisor assumed</div>
              <ul>
                {r.assumptions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {queue.error && (
          <ErrorCallout error={asErrorShape(queue.error)} title="The fix could not be queued" />
        )}
        {acknowledge.error && (
          <ErrorCallout error={asErrorShape(acknowledge.error)} title="Not acknowledged" />
        )}
        {r.findings.length === 0 && <div className="adv-clean">No findings: nothing in the way.</div>}
        {groupFindings(r.findings).map((g) => (
          <section key={g.severity} aria-label={HEADINGS[g.severity]}>
            <h3 className={`adv-sev ${g.severity}`}>
              {HEADINGS[g.severity]} <span className="muted">{g.findings.length}</span>
            </h3>
            <ul className="adv-list">
              {g.findings.map((f) => (
                <FindingCard
                  key={f.key}
                  finding={f}
                  queued={isQueued(f)}
                  canAcknowledge={r.ackFile !== null}
                  onAddFix={(x) => queue.mutate(fixStatements(x))}
                  onAcknowledge={(x, reason) => acknowledge.mutate({ key: x.key, reason })}
                  onOpen={(x) => x.link && openObject(x.link.ref, linkTab(x))}
                />
              ))}
            </ul>
          </section>
        ))}
        {r.staleAcks.length > 0 && (
          <p className="muted">
            {r.staleAcks.length} acknowledgement(s) no longer match:{' '}
            {r.staleAcks.map((s) => s.key).join(', ')}
          </p>
        )}
      </section>
      <section className="adv-reach" aria-label="Reach map">
        <header className="adv-head">
          <h2>Reach</h2>
          <span className="muted">
            authenticator {r.reach.authenticator ?? '?'} · {r.reach.schemas.join(', ') || 'no exposed schema'}
          </span>
          <select
            className="select adv-role-select"
            aria-label="Role"
            value={role ?? ''}
            onChange={(e) => setRole(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">All request roles</option>
            {r.reach.roles.map((x) => (
              <option key={x.role} value={x.role}>
                {x.role}
              </option>
            ))}
          </select>
          <div className="adv-toggle" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={view === 'table'}
              onClick={() => setView('table')}
            >
              Table
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={view === 'picture'}
              onClick={() => setView('picture')}
            >
              Picture
            </button>
          </div>
        </header>
        {view === 'table' ? (
          <ReachTable reach={r.reach} role={role} />
        ) : (
          <Suspense fallback={<Loading />}>
            <ReachGraphView reach={r.reach} role={role} />
          </Suspense>
        )}
      </section>
    </div>
  );
}
