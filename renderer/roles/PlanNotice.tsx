import { useEffect, useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import { asErrorShape } from '../client/index.js';
import { useChangeSetQuery } from '../changeset/queries.js';
import { usePlanMutation, type PlanResult } from './api.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { plural } from '../../shared/text/plural.js';

export interface PlanQueue {
  queue(changes: RoleChangeInput[]): void;
  readonly busy: boolean;
  readonly notice: PlanResult | null;
  readonly error: unknown;
  /** Shows what a dialog planned and queued itself (the role dialogs preview before they queue). */
  show(result: PlanResult): void;
  dismiss(): void;
}

/**
 * Role and grant edits planned and queued in the change set, with what came of the last one; `panel` is the
 * origin the change set records.
 */
export function usePlanQueue(connectionId: string, panel: 'roles' | 'grants'): PlanQueue {
  const plan = usePlanMutation(connectionId, panel);
  const [notice, setNotice] = useState<PlanResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // "Queued … — apply from the change set" is stale once the set is applied or discarded: it empties.
  const pending = useChangeSetQuery(connectionId).data?.statements.length;
  useEffect(() => {
    if (pending === 0) setNotice(null);
  }, [pending]);
  return {
    queue: (changes) => {
      if (changes.length === 0) return;
      setError(null);
      plan.mutate({ changes, queue: true }, { onSuccess: setNotice, onError: setError });
    },
    busy: plan.isPending,
    notice,
    error,
    show: (result) => {
      setError(null);
      setNotice(result);
    },
    dismiss: () => {
      setNotice(null);
      setError(null);
    },
  };
}

/** What the last edit queued (its first statements), or why it was not queued. */
export function PlanNotice({ queue }: { queue: PlanQueue }) {
  const { notice, error } = queue;
  const errors = notice?.problems.filter((p) => p.severity === 'error') ?? [];
  return (
    <>
      {error !== null && (
        <div className="plan-notice">
          <ErrorCallout error={asErrorShape(error)} title="The change could not be prepared" />
          <button className="btn ghost small" onClick={queue.dismiss}>
            Dismiss
          </button>
        </div>
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
                Queued {notice.statements.length} {plural(notice.statements.length, 'statement')}:{' '}
                <span className="mono">
                  {notice.statements
                    .map((s) => s.sql)
                    .slice(0, 3)
                    .join('; ')}
                </span>
                {notice.statements.length > 3 && ' …'} — apply from the change set (
                <kbd className="kbd">C</kbd>).
                {notice.problems.map((p, i) => (
                  <div key={i} className="muted">
                    {p.message}
                  </div>
                ))}
              </>
            )}
          </div>
          <button className="btn ghost small" onClick={queue.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
