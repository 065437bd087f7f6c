import type { StatementResult, WorkbenchTransaction } from '../../shared/contract/workbench.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { ResultGrid } from '../act-as/ResultGrid.js';
import { PlanView } from './PlanView.js';
import { plural } from '../../shared/text/plural.js';

/** PostgreSQL's numeric types, by the names the workbench reports (format_type): right-aligned in the grid. */
const NUMERIC_TYPE = /^(smallint|integer|bigint|numeric|real|double precision|oid|money)\b/;

/** The banner of a tab's transaction: open ones wait for Commit or Rollback; finished ones say what happened. */
export function TransactionBanner({
  transaction,
  busy,
  onCommit,
  onRollback,
}: {
  transaction: WorkbenchTransaction;
  busy: boolean;
  onCommit: () => void;
  onRollback: () => void;
}) {
  const tone =
    transaction.state === 'open'
      ? 'warn'
      : transaction.state === 'lost'
        ? 'danger'
        : transaction.state === 'committed'
          ? 'ok'
          : 'info';
  return (
    <div
      className={`wb-banner ${tone}`}
      role={transaction.state === 'open' || transaction.state === 'lost' ? 'alert' : 'status'}
      aria-label="Transaction"
    >
      <span>{transaction.message}</span>
      <span className="grow" />
      {transaction.state === 'open' && (
        <>
          <button className="btn primary" disabled={busy} onClick={onCommit}>
            Commit
          </button>
          <button className="btn" disabled={busy} onClick={onRollback}>
            Rollback
          </button>
        </>
      )}
    </div>
  );
}

/** One statement's outcome: its tag, rows and time, notices, its error or its plan. */
function StatementView({
  result,
  index,
  catalog,
  onRendered,
}: {
  result: StatementResult;
  index: number;
  catalog: Catalog | null;
  onRendered?: () => void;
}) {
  const label = `Result ${index + 1}`;
  return (
    <section className="wb-result" aria-label={`Statement ${index + 1}`}>
      <header className="wb-result-head">
        <span className="wb-result-sql" title={result.sql}>
          {result.sql.split('\n', 1)[0]}
        </span>
        <span className="grow" />
        {result.error ? (
          <span className="wb-tag danger">error</span>
        ) : result.command !== null ? (
          <span className="wb-tag" data-testid="command-tag">
            {result.command}
            {result.rowCount !== null ? ` ${result.rowCount}` : ''}
          </span>
        ) : (
          <span className="wb-tag faint">not run</span>
        )}
        {result.columns.length > 0 && !result.plan && (
          <span className="wb-muted">
            {result.rows.length.toLocaleString('en-US')} {plural(result.rows.length, 'row')}
            {result.truncated ? ' (more not shown)' : ''}
          </span>
        )}
        <span className="wb-muted">{result.ms < 10 ? result.ms.toFixed(1) : Math.round(result.ms)} ms</span>
      </header>
      {result.notices.map((n, i) => (
        <div key={i} className={`wb-notice ${n.severity === 'WARNING' ? 'warn' : ''}`}>
          <span className="wb-notice-sev">{n.severity}</span> {n.message}
        </div>
      ))}
      {result.error && (
        <div className="callout error" role="alert">
          <div>
            <div className="title">
              {result.error.message} {result.error.code && <span className="code">{result.error.code}</span>}
            </div>
            {result.error.detail && <div className="details">{result.error.detail}</div>}
            {result.error.hint && <div className="hint">{result.error.hint}</div>}
          </div>
        </div>
      )}
      {result.plan ? (
        <PlanView json={result.plan} catalog={catalog} />
      ) : (
        result.columns.length > 0 && (
          <div className="wb-grid-box">
            <ResultGrid
              table={{
                columns: result.columns.map((c) => c.name),
                // values stay PostgreSQL's text: a bigint or numeric shown as a JS number would lose digits
                rows: result.rows,
              }}
              label={label}
              numeric={new Set(result.columns.filter((c) => NUMERIC_TYPE.test(c.type)).map((c) => c.name))}
              fit
              {...(onRendered ? { onRendered } : {})}
            />
          </div>
        )
      )}
    </section>
  );
}

export function Results({
  statements,
  catalog,
  onRendered,
}: {
  statements: readonly StatementResult[];
  catalog: Catalog | null;
  onRendered?: () => void;
}) {
  if (statements.length === 0) return <div className="wb-muted wb-pad">Nothing to run at the cursor.</div>;
  return (
    <div className="wb-results">
      {statements.map((s, i) => (
        <StatementView
          key={`${s.offset}-${i}`}
          result={s}
          index={i}
          catalog={catalog}
          {...(i === 0 && onRendered ? { onRendered } : {})}
        />
      ))}
    </div>
  );
}
