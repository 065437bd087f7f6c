import { useState } from 'react';
import { asErrorShape, useClient } from '../client/index.js';
import { Badge, type BadgeTone } from '../shell/Badge.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { changesetApi, type HistoryEntryView } from './api.js';
import { downloadText } from './download.js';
import { OriginLine } from './OriginLine.js';
import { useHistoryQuery } from './queries.js';
import { plural } from '../../shared/text/plural.js';

const tones: Record<HistoryEntryView['outcome'], BadgeTone> = {
  applied: 'ok',
  failed: 'danger',
  partial: 'warn',
  unknown: 'warn',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** What was applied on this database, newest first; one or several sets export as a migration file. */
export function HistoryTab({ connectionId }: { connectionId: string }) {
  const client = useClient();
  const history = useHistoryQuery(connectionId, true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const entries = history.data?.entries ?? [];

  const exportIds = async (ids: string[]) => {
    setError(null);
    try {
      const file = await changesetApi.exportHistory(client, connectionId, ids);
      downloadText(file.filename, file.sql);
    } catch (e) {
      setError(e);
    }
  };

  if (history.isPending) return <Loading label="Reading the history…" />;
  if (history.error) return <ErrorCallout error={asErrorShape(history.error)} />;
  if (entries.length === 0)
    return (
      <EmptyState icon="◷" title="Nothing applied yet">
        Every change set applied on this database — from the studio or <code>gatehouse apply</code> — is kept
        here, with its exact SQL.
      </EmptyState>
    );
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="cs-history">
      {error !== null && <ErrorCallout error={asErrorShape(error)} />}
      <div className="cs-history-bar">
        <span className="cs-muted">
          {entries.length} change {plural(entries.length, 'set')} on this database
        </span>
        <button
          className="btn small"
          disabled={selected.size === 0}
          onClick={() => void exportIds(entries.filter((e) => selected.has(e.id)).map((e) => e.id))}
        >
          Export {selected.size > 0 ? selected.size : ''} as migration
        </button>
      </div>
      <ol className="cs-history-list" aria-label="Applied change sets">
        {entries.map((e) => (
          <li key={e.id} className="cs-history-item" aria-label={`Change set applied ${when(e.at)}`}>
            <input
              type="checkbox"
              aria-label="Select for export"
              checked={selected.has(e.id)}
              onChange={() => toggle(e.id)}
            />
            <div className="cs-history-main">
              <div className="cs-history-head">
                <Badge tone={tones[e.outcome]}>{e.outcome}</Badge>
                <span className="cs-when">{when(e.at)}</span>
                <span className="cs-muted">
                  {e.user}@{e.server.host}:{e.server.port}/{e.database} · {e.source}
                </span>
              </div>
              <div className="cs-history-summary">{e.summary}</div>
              <details className="cs-history-sql">
                <summary>
                  {e.statements.length} {plural(e.statements.length, 'statement')}
                </summary>
                <ol>
                  {e.statements.map((s, i) => (
                    <li key={i} data-status={s.status}>
                      <OriginLine origin={s.origin} /> <Badge tone="outline">{s.status}</Badge>
                      <pre>{s.sql};</pre>
                    </li>
                  ))}
                </ol>
              </details>
            </div>
            <button className="btn ghost small" onClick={() => void exportIds([e.id])}>
              Export
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
