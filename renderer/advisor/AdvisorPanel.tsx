import { lazy, Suspense, useState } from 'react';
import { asErrorShape } from '../client/index.js';
import { useChangeSetQuery, useQueueChanges } from '../changeset/queries.js';
import { Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import './advisor.css';
import { AckFileBar } from './AckFileBar.js';
import { useAckFile } from './ack-file.js';
import type { FindingView } from './api.js';
import { FindingCard } from './FindingCard.js';
import { FindingList } from './FindingList.js';
import { fixStatements, keyOf, linkTarget } from './findings-model.js';
import { useAdvisorMutations, useAdvisorQuery, useRoleReach } from './queries.js';
import { ReachTable } from './ReachTable.js';

const ReachGraphView = lazy(() => import('./ReachGraphView.js'));

/** The exposure advisor: findings by severity beside the reach map (a table and a picture). */
export default function AdvisorPanel({ connectionId, openObject, open: openTarget }: PanelProps) {
  const [ackFile, setAckFile] = useAckFile(connectionId);
  const report = useAdvisorQuery(connectionId, ackFile);
  const { rerun, acknowledge } = useAdvisorMutations(connectionId, ackFile);
  const queue = useQueueChanges(connectionId);
  const changes = useChangeSetQuery(connectionId);
  const [view, setView] = useState<'table' | 'picture'>('table');
  const [role, setRole] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // A map too big to send came as totals: the picked role's endpoints are fetched.
  const roleReach = useRoleReach(
    connectionId,
    role,
    report.data?.ms ?? 0,
    report.data !== undefined && !report.data.reachComplete,
  );

  if (report.isPending) return <Loading label="Reviewing the database…" />;
  if (report.error)
    return (
      <div className="adv-panel-error">
        <ErrorCallout error={asErrorShape(report.error)} title="The advisor could not run" />
        {/* A bad acknowledgements path stops every run: let it be changed here. */}
        {ackFile !== null && <AckFileBar inUse={null} chosen={ackFile} onChoose={setAckFile} />}
      </div>
    );
  const r = report.data;
  const shown = r.reachComplete ? r.reach : (roleReach.data ?? null);
  const queued = new Set(
    (changes.data?.statements ?? [])
      .filter((s) => s.origin.panel === 'advisor')
      .map((s) => `${s.origin.action}\0${s.origin.object}`),
  );
  const isQueued = (f: FindingView) => queued.has(`fix ${f.id}\0${f.object}`);
  const open = r.findings.filter((f) => f.acknowledged === null);
  const count = (s: FindingView['severity']) => open.filter((f) => f.severity === s).length;
  const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

  return (
    <div className="adv-panel">
      <section className="adv-findings" aria-label="Findings">
        <header className="adv-head">
          <h2>Advisor</h2>
          <span className="adv-counts" aria-label="Counts">
            {counted(count('error'), 'error', 'errors')} · {counted(count('warning'), 'warning', 'warnings')}{' '}
            · {counted(count('info'), 'note', 'notes')}
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
        <AckFileBar inUse={r.ackFile} chosen={ackFile} onChoose={setAckFile} />
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
        <FindingList
          findings={r.findings}
          renderCard={(f) => (
            <FindingCard
              connectionId={connectionId}
              run={r.ms}
              finding={f}
              definition={r.definitions[f.id]}
              open={expanded.has(keyOf(f))}
              onToggle={(x) =>
                setExpanded((e) => {
                  const next = new Set(e);
                  if (!next.delete(keyOf(x))) next.add(keyOf(x));
                  return next;
                })
              }
              queued={isQueued(f)}
              canAcknowledge={r.ackFile !== null}
              onAddFix={(x, detail) => queue.mutate(fixStatements(x, detail))}
              onAcknowledge={(x, reason) => acknowledge.mutate({ key: keyOf(x), reason })}
              onOpen={(x) => {
                const t = linkTarget(x);
                if (t === null) return;
                if (openTarget) openTarget(t);
                else if (t.view === 'explorer') openObject(t.object, t.tab ?? undefined);
              }}
            />
          )}
        />
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
            {r.reachTotals.map((x) => (
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
        {roleReach.error && (
          <ErrorCallout error={asErrorShape(roleReach.error)} title="The role's reach could not be read" />
        )}
        {/* Too many pairs to draw or list at once: each role's totals, one role at a time. */}
        {view === 'table' || (role === null && !r.reachComplete) || shown === null ? (
          <ReachTable
            reach={shown}
            totals={r.reachTotals}
            complete={r.reachComplete}
            role={role}
            onPick={setRole}
          />
        ) : (
          <Suspense fallback={<Loading />}>
            <ReachGraphView reach={shown} role={role} />
          </Suspense>
        )}
      </section>
    </div>
  );
}
