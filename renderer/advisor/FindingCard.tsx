import { useState } from 'react';
import { asErrorShape } from '../client/index.js';
import { Badge, type BadgeTone } from '../shell/Badge.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { AdvisorReportView, FindingDetailView, FindingView } from './api.js';
import { fixScript, keyOf, linkTitle } from './findings-model.js';
import { useFindingDetail } from './queries.js';

const TONE: Record<FindingView['severity'], BadgeTone> = { error: 'danger', warning: 'warn', info: 'info' };

export interface FindingCardProps {
  readonly connectionId: string;
  /** The report's `ms`: which run an opened finding's detail is of. */
  readonly run: number;
  readonly finding: FindingView;
  readonly definition: AdvisorReportView['definitions'][string] | undefined;
  /** Whether it is open (kept by the list: a virtualised card leaves the page and comes back). */
  readonly open: boolean;
  readonly onToggle: (f: FindingView) => void;
  /** Whether its fix is already waiting in the change set. */
  readonly queued: boolean;
  readonly canAcknowledge: boolean;
  readonly onAddFix: (f: FindingView, detail: FindingDetailView) => void;
  readonly onAcknowledge: (f: FindingView, reason: string) => void;
  readonly onOpen: (f: FindingView) => void;
}

/** One finding: what, on which objects, why it matters, and the fix one click from the change set. */
export function FindingCard({
  connectionId,
  run,
  finding: f,
  definition,
  open,
  onToggle,
  queued,
  canAcknowledge,
  onAddFix,
  onAcknowledge,
  onOpen,
}: FindingCardProps) {
  const [reason, setReason] = useState<string | null>(null);
  const key = keyOf(f);
  const detail = useFindingDetail(connectionId, key, run, open);
  const where = linkTitle(f);
  return (
    <div className={`adv-finding ${f.acknowledged ? 'acked' : ''}`}>
      <div className="adv-finding-head">
        <Badge tone={TONE[f.severity]}>{f.severity}</Badge>
        <button type="button" className="adv-finding-title" aria-expanded={open} onClick={() => onToggle(f)}>
          {definition?.title ?? f.id}
        </button>
        <code className="adv-id">{f.id}</code>
      </div>
      <div className="adv-message">
        {f.message}
        {where !== null && (
          <button
            type="button"
            className="btn ghost small adv-open"
            onClick={() => onOpen(f)}
            title={where}
            aria-label={where}
          >
            {f.object} ↗
          </button>
        )}
      </div>
      {f.acknowledged && <div className="adv-ack">Acknowledged: {f.acknowledged.reason}</div>}
      {open && (
        <div className="adv-detail">
          {definition && <p className="adv-why">{definition.why}</p>}
          {detail.error && (
            <ErrorCallout error={asErrorShape(detail.error)} title="The fix could not be read" />
          )}
          {detail.isPending && <div className="muted">Reading the fix…</div>}
          {detail.data?.fix && (
            <>
              <div className="adv-fix-summary">Fix: {detail.data.fix.summary}</div>
              <pre className="adv-sql" aria-label={`Fix for ${key}`}>
                {fixScript(detail.data)}
              </pre>
            </>
          )}
          {detail.data?.fixNote && <p className="adv-note">{detail.data.fixNote}</p>}
          <div className="adv-actions">
            {f.hasFix && (
              <button
                type="button"
                className="btn primary small"
                disabled={queued || detail.data === undefined}
                onClick={() => detail.data && onAddFix(f, detail.data)}
              >
                {queued ? 'In the change set' : 'Add to change set'}
              </button>
            )}
            {canAcknowledge && f.acknowledged === null && reason === null && (
              <button type="button" className="btn small" onClick={() => setReason('')}>
                Acknowledge…
              </button>
            )}
          </div>
          {reason !== null && (
            <form
              className="adv-ack-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim() !== '') onAcknowledge(f, reason.trim());
                setReason(null);
              }}
            >
              <input
                className="input"
                aria-label="Reason"
                placeholder="Why this is intended (kept in gatehouse-advisor.json)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
              <button type="submit" className="btn small" disabled={reason.trim() === ''}>
                Save
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
