import { useRef, useState } from 'react';
import { Running } from './Running.js';
import { asErrorShape, useClient } from '../client/index.js';
import { consoleApi, newRunId, type ContractPersona, type SqlRunResult } from './api.js';
import { explainError } from './explain-error.js';
import { LazyEditor } from './LazyEditor.js';
import { ResultGrid } from './ResultGrid.js';
import { SessionContextView } from './SessionContextView.js';
import { TxBadge } from './ResponseView.js';

/** SQL in the persona's PostgREST session (role, claims, settings), rolled back unless committed. */
export function SqlConsole({
  connectionId,
  persona,
  blocked,
  confirmCommit,
  initialSql,
}: {
  connectionId: string;
  /** SQL handed over from the workbench, shown instead of the example. */
  initialSql?: string | null;
  persona: ContractPersona | null;
  blocked: string | null;
  confirmCommit: (what: string) => Promise<boolean>;
}) {
  const client = useClient();
  const [sql, setSql] = useState(
    initialSql ?? "select current_user, current_setting('request.jwt.claims', true) as claims;",
  );
  const [commit, setCommit] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SqlRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The run a Cancel stops: this console's SQL in flight, nothing else. */
  const currentRun = useRef<string | null>(null);
  const run = async () => {
    if (!persona || blocked || running || sql.trim() === '') return;
    if (commit && !(await confirmCommit('this SQL'))) return;
    setRunning(true);
    setError(null);
    const runId = newRunId();
    currentRun.current = runId;
    try {
      setResult(await consoleApi.sql(client, { connectionId, sql, persona, commit, runId }));
    } catch (e) {
      setError(asErrorShape(e).message);
    } finally {
      currentRun.current = null;
      setRunning(false);
      setCommit(false);
    }
  };
  return (
    <div className="aa-sql-console">
      <LazyEditor
        language="pgsql"
        path="console/persona.sql"
        value={sql}
        onChange={setSql}
        height={160}
        ariaLabel="SQL as persona"
        onSubmit={() => void run()}
      />
      <div className="aa-request-line">
        <span className="aa-muted">
          Runs in the same session a request gets: SET ROLE, request.jwt.claims, search_path, pre-request.
        </span>
        <span className="grow" />
        <label className={`aa-commit${commit ? ' on' : ''}`}>
          <input type="checkbox" checked={commit} onChange={(e) => setCommit(e.target.checked)} /> Commit
        </label>
        {running ? (
          <>
            <Running label="SQL running" />
            <button
              className="btn danger"
              onClick={() => {
                if (currentRun.current) void consoleApi.cancel(client, connectionId, currentRun.current);
              }}
            >
              Cancel
            </button>
          </>
        ) : (
          <button
            className="btn primary"
            disabled={blocked !== null}
            title={blocked ?? 'Ctrl/Cmd+Enter'}
            onClick={() => void run()}
          >
            Run
          </button>
        )}
      </div>
      {blocked && <div className="aa-inline-error">{blocked}</div>}
      {error && <div className="aa-inline-error">{error}</div>}
      {result && (
        <div className="aa-sql-results">
          <div className="aa-response-head">
            <span>{result.error ? 'Error' : `${result.results?.length ?? 0} result(s)`}</span>
            <span className="grow" />
            <TxBadge committed={result.committed} />
            <span className="aa-timing">{Math.round(result.ms)} ms</span>
          </div>
          {result.error && (
            <div className="callout error" role="alert">
              <div>
                <div className="title">
                  {result.error.message} <span className="code">{result.error.code}</span>
                </div>
                {result.error.details !== null && (
                  <div className="details">{String(result.error.details)}</div>
                )}
                {result.error.hint !== null && <div className="hint">{String(result.error.hint)}</div>}
                <p className="aa-plain">
                  {
                    explainError(result.error, {
                      catalog: null,
                      schemas: [],
                      role: result.context?.role ?? null,
                      method: 'POST',
                    }).plain
                  }
                </p>
              </div>
            </div>
          )}
          {result.context && (
            <details className="aa-sql-context">
              <summary>Session context</summary>
              <SessionContextView ctx={result.context} />
            </details>
          )}
          {result.results?.map((r, i) => (
            <div key={i} className="aa-sql-result">
              <div className="aa-muted">
                {r.command} {r.rowCount ?? ''}
              </div>
              {r.columns.length > 0 && (
                <div className="aa-grid-box">
                  <ResultGrid table={{ columns: r.columns, rows: r.rows }} label={`Result ${i + 1}`} fit />
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
