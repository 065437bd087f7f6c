import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { asErrorShape } from '../client/index.js';
import { Badge } from '../shell/Badge.js';
import { CloseButton } from '../shell/CloseButton.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { useThemeValue } from '../shell/theme-context.js';
import type { ApplyResultView, ChangeSetPreview } from './api.js';
import { AddSql } from './AddSql.js';
import { HistoryTab } from './HistoryTab.js';
import { failureMarker } from './markers.js';
import { OriginLine } from './OriginLine.js';
import { useChangeSetMutations, usePreviewQuery } from './queries.js';
import './changeset.css';
import { plural } from '../../shared/text/plural.js';

const ScriptView = lazy(() => import('./ScriptView.js'));

/** Defaults shown in the drawer; the host applies the same when none are sent. */
const DEFAULT_LOCK_MS = 5_000;
const DEFAULT_STATEMENT_MS = 60_000;

/**
 * The change set every panel shares: the pending statements with where each came from, the SQL apply will run,
 * apply (with the confirmation for statements that cannot run in a transaction) and discard, the failure against
 * the statement that caused it, and the history of what was applied.
 */
export function ChangeSetDrawer({ connectionId, onClose }: { connectionId: string; onClose(): void }) {
  const [tab, setTab] = useState<'pending' | 'history'>('pending');
  const preview = usePreviewQuery(connectionId, true);
  const count = preview.data?.statements.length ?? 0;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    ref.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <>
      <div className="cs-scrim" onMouseDown={onClose} aria-hidden />
      <aside className="cs-drawer" role="dialog" aria-label="Change set" ref={ref} tabIndex={-1}>
        <header className="cs-head">
          <div className="cs-title">
            <span>Change set</span>
            <Badge tone={count > 0 ? 'info' : 'neutral'}>{count} pending</Badge>
          </div>
          <CloseButton onClose={onClose} label="Close change set" />
        </header>
        <nav className="tabs cs-tabs" role="tablist" aria-label="Change set views">
          <button
            role="tab"
            className="tab"
            aria-selected={tab === 'pending'}
            onClick={() => setTab('pending')}
          >
            Pending <span className="count">{count}</span>
          </button>
          <button
            role="tab"
            className="tab"
            aria-selected={tab === 'history'}
            onClick={() => setTab('history')}
          >
            History
          </button>
        </nav>
        <div className="cs-body">
          {tab === 'pending' ? (
            preview.isPending ? (
              <Loading label="Reading the change set…" />
            ) : preview.error ? (
              <ErrorCallout error={asErrorShape(preview.error)} />
            ) : (
              <PendingTab
                connectionId={connectionId}
                preview={preview.data}
                onHistory={() => setTab('history')}
              />
            )
          ) : (
            <HistoryTab connectionId={connectionId} />
          )}
        </div>
      </aside>
    </>
  );
}

function PendingTab({
  connectionId,
  preview,
  onHistory,
}: {
  connectionId: string;
  preview: ChangeSetPreview;
  onHistory(): void;
}) {
  const theme = useThemeValue();
  const { remove, discard, apply } = useChangeSetMutations(connectionId);
  const [result, setResult] = useState<ApplyResultView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [lockMs, setLockMs] = useState(DEFAULT_LOCK_MS);
  const [statementMs, setStatementMs] = useState(DEFAULT_STATEMENT_MS);
  const { statements } = preview;
  const after = statements.filter((s) => s.phase === 'after');
  const marker = useMemo(() => failureMarker(preview, result), [preview, result]);
  const failedId = result?.failure?.id ?? null;
  const failedRange = preview.ranges.find((r) => r.id === failedId) ?? null;
  const busy = apply.isPending || remove.isPending || discard.isPending;
  const mutationError = apply.error ?? remove.error ?? discard.error;

  const run = async (confirmNonTransactional: boolean) => {
    setConfirming(false);
    setResult(null);
    const r = await apply
      .mutateAsync({
        confirmNonTransactional,
        expectIds: statements.map((s) => s.id),
        lockTimeoutMs: lockMs,
        statementTimeoutMs: statementMs,
      })
      .catch(() => null);
    if (r?.outcome === 'needs-confirmation') setConfirming(true);
    else setResult(r);
  };

  if (statements.length === 0 && !result)
    return (
      <EmptyState icon="∅" title="No pending changes" actions={<AddSql connectionId={connectionId} />}>
        Changes you make in any panel queue here for review. Nothing touches the database until you apply.
      </EmptyState>
    );

  return (
    <div className="cs-pending">
      <div className="cs-toolbar">
        <AddSql connectionId={connectionId} onAdded={() => setResult(null)} />
      </div>
      {result && <ResultCallout result={result} onHistory={onHistory} />}
      {mutationError && <ErrorCallout error={asErrorShape(mutationError)} />}
      {statements.length > 0 && (
        <>
          <ol className="cs-list" aria-label="Pending statements">
            {statements.map((s, i) => (
              <li
                key={s.id}
                className={`cs-item${s.id === failedId ? ' failed' : ''}`}
                aria-label={`Statement ${i + 1}`}
                aria-current={s.id === failedId ? 'true' : undefined}
              >
                <span className="cs-num">{i + 1}</span>
                <div className="cs-item-main">
                  <OriginLine origin={s.origin} />
                  <code className="cs-sql-line" title={s.sql}>
                    {s.sql.split('\n')[0]}
                    {s.sql.includes('\n') ? ' …' : ''}
                  </code>
                  {s.reason && <div className="cs-reason">{s.reason}</div>}
                </div>
                <div className="cs-item-side">
                  {s.id === failedId && <Badge tone="danger">failed</Badge>}
                  {s.phase === 'after' && (
                    <Badge tone="warn" title={s.reason ?? undefined}>
                      after COMMIT
                    </Badge>
                  )}
                  <button
                    className="btn ghost small cs-remove"
                    aria-label={`Remove statement ${i + 1}`}
                    title="Remove from the change set"
                    disabled={busy}
                    onClick={() => {
                      setResult(null);
                      remove.mutate(s.id);
                    }}
                  >
                    ✕
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <div
            className="cs-script"
            aria-label="Change set SQL"
            data-sql={preview.script}
            data-marker={marker ? `${marker.offset}:${marker.length}` : undefined}
          >
            <Suspense fallback={<pre className="cs-script-fallback">{preview.script}</pre>}>
              <ScriptView value={preview.script} theme={theme} marker={marker} highlight={failedRange} />
            </Suspense>
          </div>
          {confirming && (
            <div
              className="callout warn cs-confirm"
              role="alertdialog"
              aria-label="Confirm statements outside the transaction"
            >
              <div>
                <div className="title">
                  {after.length} {plural(after.length, 'statement')} cannot run inside a transaction
                </div>
                <div>
                  They run after the transaction commits, one by one. If one fails, the transaction and those
                  before it stay applied.
                </div>
                <ul className="cs-confirm-list">
                  {after.map((s) => (
                    <li key={s.id}>
                      <b>{statements.indexOf(s) + 1}</b> {s.reason}
                    </li>
                  ))}
                </ul>
                <div className="cs-actions">
                  <button className="btn primary" onClick={() => void run(true)} disabled={busy}>
                    Apply and run them after COMMIT
                  </button>
                  <button className="btn" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            </div>
          )}
          <footer className="cs-foot">
            <div className="cs-timeouts">
              <label className="cs-timeout">
                Lock timeout
                <input
                  className="input mono"
                  type="number"
                  min={0}
                  step={500}
                  value={lockMs}
                  aria-label="Lock timeout (ms)"
                  onChange={(e) => setLockMs(Math.max(0, Math.trunc(Number(e.target.value) || 0)))}
                />
                ms
              </label>
              <label className="cs-timeout">
                Statement timeout
                <input
                  className="input mono"
                  type="number"
                  min={0}
                  step={1000}
                  value={statementMs}
                  aria-label="Statement timeout (ms)"
                  onChange={(e) => setStatementMs(Math.max(0, Math.trunc(Number(e.target.value) || 0)))}
                />
                ms
              </label>
            </div>
            <div className="cs-actions">
              {discarding ? (
                <>
                  <span className="cs-muted">Discard {statements.length} statements?</span>
                  <button
                    className="btn danger"
                    disabled={busy}
                    onClick={() => {
                      setDiscarding(false);
                      setResult(null);
                      discard.mutate();
                    }}
                  >
                    Discard all
                  </button>
                  <button className="btn" onClick={() => setDiscarding(false)}>
                    Keep
                  </button>
                </>
              ) : (
                <button className="btn ghost danger" disabled={busy} onClick={() => setDiscarding(true)}>
                  Discard
                </button>
              )}
              <button
                className="btn primary"
                disabled={busy}
                onClick={() => (after.length > 0 ? setConfirming(true) : void run(false))}
              >
                {apply.isPending
                  ? 'Applying…'
                  : `Apply ${statements.length} ${plural(statements.length, 'statement')}`}
              </button>
            </div>
          </footer>
        </>
      )}
    </div>
  );
}

function ResultCallout({ result, onHistory }: { result: ApplyResultView; onHistory(): void }) {
  const tone = result.outcome === 'applied' ? 'ok' : result.outcome === 'failed' ? 'error' : 'warn';
  const f = result.failure;
  const title =
    result.outcome === 'applied'
      ? 'Applied'
      : result.outcome === 'failed'
        ? f?.index != null
          ? `Statement ${f.index + 1} failed — nothing was applied`
          : 'The change set failed — nothing was applied'
        : result.outcome === 'partial'
          ? 'Partly applied'
          : 'Outcome unknown';
  return (
    <div
      className={`callout ${tone} cs-result`}
      role={tone === 'ok' ? 'status' : 'alert'}
      aria-label="Apply result"
    >
      <div>
        <div className="title">
          {title} {f?.error.sqlstate && <span className="code">{f.error.sqlstate}</span>}
        </div>
        {f?.origin && (
          <div className="cs-result-origin">
            <OriginLine origin={f.origin} />
          </div>
        )}
        {f ? <div className="cs-error-message">{f.error.message}</div> : <div>{result.summary}</div>}
        {f?.error.line != null && (
          <div className="details">
            at line {f.error.line}, column {f.error.column} of the statement
          </div>
        )}
        {f?.error.detail && <div className="details">{f.error.detail}</div>}
        {f?.error.where && <div className="details">{f.error.where}</div>}
        {f?.error.hint && <div className="hint">hint: {f.error.hint}</div>}
        {f && <div className="hint">{result.summary}</div>}
        {result.historyId && (
          <button className="btn ghost small cs-link" onClick={onHistory}>
            See it in the history →
          </button>
        )}
      </div>
    </div>
  );
}
