import { useState } from 'react';
import { Badge, type BadgeTone } from '../shell/Badge.js';
import type { FindingView } from './api.js';
import { fixScript, linkTitle } from './findings-model.js';

const TONE: Record<FindingView['severity'], BadgeTone> = { error: 'danger', warning: 'warn', info: 'info' };

export interface FindingCardProps {
  readonly finding: FindingView;
  /** Whether its fix is already waiting in the change set. */
  readonly queued: boolean;
  readonly canAcknowledge: boolean;
  readonly onAddFix: (f: FindingView) => void;
  readonly onAcknowledge: (f: FindingView, reason: string) => void;
  readonly onOpen: (f: FindingView) => void;
}

/** One finding: what, on which objects, why it matters, and the fix one click from the change set. */
export function FindingCard({
  finding: f,
  queued,
  canAcknowledge,
  onAddFix,
  onAcknowledge,
  onOpen,
}: FindingCardProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const where = linkTitle(f);
  return (
    <li className={`adv-finding ${f.acknowledged ? 'acked' : ''}`} data-key={f.key} aria-label={f.key}>
      <div className="adv-finding-head">
        <Badge tone={TONE[f.severity]}>{f.severity}</Badge>
        <button
          type="button"
          className="adv-finding-title"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {f.title}
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
          <p className="adv-why">{f.why}</p>
          {f.fix && (
            <>
              <div className="adv-fix-summary">Fix: {f.fix.summary}</div>
              <pre className="adv-sql" aria-label={`Fix for ${f.key}`}>
                {fixScript(f)}
              </pre>
            </>
          )}
          {f.fixNote && <p className="adv-note">{f.fixNote}</p>}
          <div className="adv-actions">
            {f.fix && (
              <button
                type="button"
                className="btn primary small"
                disabled={queued}
                onClick={() => onAddFix(f)}
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
    </li>
  );
}
