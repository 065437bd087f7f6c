import { lazy, Suspense } from 'react';
import type { Change, Migration } from '../../shared/diff/migration.js';
import { refLabel } from '../../shared/model/catalog.js';
import { Badge } from '../shell/Badge.js';
import { Loading } from '../shell/EmptyState.js';
import { useThemeValue } from '../shell/theme-context.js';
import { dependantsOf, kindLabel, toneOf } from './change-tree.js';

const SqlDiff = lazy(() => import('./SqlDiff.js'));

const TONE_BADGE = { added: 'ok', removed: 'danger', changed: 'warn' } as const;

/** The selected change: what it is, why it is there, what it takes along, and its DDL before and after. */
export function ChangeDetail({
  change,
  migration,
  reasonOut,
  onSelect,
}: {
  change: Change;
  migration: Migration;
  reasonOut: string | null;
  onSelect: (id: string) => void;
}) {
  const theme = useThemeValue();
  const byId = new Map(migration.changes.map((c) => [c.id, c]));
  const requires = change.requires.map((id) => byId.get(id)).filter((c): c is Change => c !== undefined);
  const dependants = dependantsOf(migration, change.id);
  const carried = migration.statements.filter((s) => s.changeIds.includes(change.id));
  const hazards = carried.flatMap((s) => s.hazards);
  // An object without DDL of its own on either side (a cluster-wide setting): the statements that change it.
  const bare = change.fromSql === null && change.toSql === null;
  const toSql = bare ? carried.map((s) => s.sql).join('\n\n') : (change.toSql ?? '');
  const link = (c: Change) => (
    <li key={c.id}>
      <button type="button" className="link" onClick={() => onSelect(c.id)}>
        {c.summary}
      </button>
    </li>
  );
  return (
    <section className="diff-detail" aria-label="Change detail">
      <header className="diff-detail-head">
        <Badge tone={TONE_BADGE[toneOf(change)]}>{change.action}</Badge>
        <span className="muted">{kindLabel(change.kind)}</span>
        <h3 title={refLabel(change.object)}>{change.summary}</h3>
      </header>
      <div className="diff-detail-notes">
        {reasonOut !== null && (
          <p className="diff-out-note" role="note">
            Left out: {reasonOut}
          </p>
        )}
        {change.because !== null && <p className="muted">{change.because}</p>}
        {hazards.length > 0 && (
          <ul className="diff-hazards" aria-label="Hazards of this change">
            {hazards.map((h, i) => (
              <li key={i} className={`hazard ${h.kind}`}>
                <strong>{h.kind.replace(/_/g, ' ')}</strong> {h.detail}
              </li>
            ))}
          </ul>
        )}
        {requires.length > 0 && (
          <div>
            <span className="muted">Requires (ticked in with it):</span>
            <ul className="diff-links">{requires.map(link)}</ul>
          </div>
        )}
        {dependants.length > 0 && (
          <div>
            <span className="muted">Leaving it out also leaves out:</span>
            <ul className="diff-links">{dependants.map(link)}</ul>
          </div>
        )}
      </div>
      <div className="diff-sql-head" aria-hidden>
        <span>From</span>
        <span>{bare ? 'Statements' : 'To'}</span>
      </div>
      <div className="diff-sql" aria-label="DDL before and after">
        <Suspense fallback={<Loading label="Loading the editor…" />}>
          <SqlDiff from={change.fromSql ?? ''} to={toSql} theme={theme} />
        </Suspense>
      </div>
    </section>
  );
}
