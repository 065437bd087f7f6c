import { lazy, Suspense } from 'react';
import type { HazardKind, Migration } from '../../shared/diff/migration.js';
import { refLabel } from '../../shared/model/catalog.js';
import { Loading } from '../shell/EmptyState.js';
import { useThemeValue } from '../shell/theme-context.js';
import { plural } from '../../shared/text/plural.js';

const SqlViewer = lazy(() => import('../shell/monaco/SqlViewer.js'));

const HAZARD_WORDS: Record<HazardKind, string> = {
  data_loss: 'data loss',
  table_rewrite: 'table rewrite',
  access_exclusive_lock: 'ACCESS EXCLUSIVE lock',
  breaks_dependants: 'breaks dependants',
  non_transactional: 'outside the transaction',
  needs_superuser: 'needs a superuser',
};

/** The migration as it would run: hazards counted on top, the script (hazards in its comments) read-only. */
export function MigrationView({ migration, script }: { migration: Migration; script: string }) {
  const theme = useThemeValue();
  const counts = new Map<HazardKind, number>();
  for (const s of migration.statements)
    for (const h of s.hazards) counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  return (
    <section className="diff-migration" aria-label="Migration">
      <div className="diff-migration-head">
        <span>
          {migration.statements.length} {plural(migration.statements.length, 'statement')}
        </span>
        {[...counts].map(([k, n]) => (
          <span key={k} className={`hazard-chip ${k}`}>
            ⚠ {n} {HAZARD_WORDS[k]}
          </span>
        ))}
        {counts.size === 0 && migration.statements.length > 0 && <span className="muted">no hazards</span>}
      </div>
      {migration.cycles.length > 0 && (
        <div className="callout error" role="alert">
          <div>
            <div className="title">The migration cannot be ordered</div>
            {migration.cycles.map((c, i) => (
              <div key={i}>Cycle: {c.members.map(refLabel).join(' → ')}. Leave out one of its changes.</div>
            ))}
          </div>
        </div>
      )}
      {migration.unwritable.length > 0 && (
        <div className="callout warn" role="alert" aria-label="Not written">
          <div>
            <div className="title">
              {migration.unwritable.length} object{migration.unwritable.length === 1 ? ' is' : 's are'} not
              written: the migration alone does not reach the target
            </div>
            {migration.unwritable.map((u) => (
              <div key={`${u.changeId}\0${refLabel(u.object)}`}>
                <code>
                  {u.object.kind} {refLabel(u.object)}
                </code>
                : {u.reason}
                {u.hint !== null ? ` ${u.hint}` : ''}
              </div>
            ))}
          </div>
        </div>
      )}
      <div className="diff-script" aria-label="Migration SQL">
        <Suspense fallback={<Loading label="Loading the editor…" />}>
          <SqlViewer value={script} theme={theme} />
        </Suspense>
      </div>
    </section>
  );
}
