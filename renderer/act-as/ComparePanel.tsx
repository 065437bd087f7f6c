import { useMemo, useState } from 'react';
import { asErrorShape, useClient } from '../client/index.js';
import { Badge } from '../shell/Badge.js';
import { consoleApi, type ContractPersona, type RequestResult, type SavedPersona } from './api.js';
import { compareResponses, compareSummary } from './compare.js';
import { withPersonaHeaders } from './personas.js';
import { statusMeaning } from './explain-error.js';
import type { Draft } from './RequestBuilder.js';
import { cellText } from './response-body.js';
import { statusTone } from './ResponseView.js';

/** The same request as several personas, side by side: who sees which rows, who gets which status. */
export function ComparePanel({
  connectionId,
  draft,
  personas,
  resolve,
  blocked,
}: {
  connectionId: string;
  draft: Draft;
  personas: readonly SavedPersona[];
  resolve: (p: SavedPersona) => { persona: ContractPersona } | { error: string };
  blocked: string | null;
}) {
  const client = useClient();
  const [chosen, setChosen] = useState<string[]>(() => personas.slice(0, 3).map((p) => p.id));
  const [results, setResults] = useState<{ persona: SavedPersona; result: RequestResult }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    const list = personas.filter((p) => chosen.includes(p.id));
    const resolved = list.map((p) => ({ p, r: resolve(p) }));
    const bad = resolved.find((x) => 'error' in x.r);
    if (bad) return setError(`${bad.p.name}: ${(bad.r as { error: string }).error}`);
    setRunning(true);
    setError(null);
    try {
      const out = [];
      // one after the other: personas share the connection's act-as pool
      for (const { p, r } of resolved)
        out.push({
          persona: p,
          result: await consoleApi.request(client, {
            connectionId,
            method: draft.method,
            path: draft.path,
            headers: withPersonaHeaders(p, draft.headers),
            body: draft.body.trim() === '' ? null : draft.body,
            persona: (r as { persona: ContractPersona }).persona,
            commit: false,
          }),
        });
      setResults(out);
    } catch (e) {
      setError(asErrorShape(e).message);
    } finally {
      setRunning(false);
    }
  };
  const diff = useMemo(
    () =>
      results &&
      compareResponses(
        results.map((r) => ({
          persona: r.persona.name,
          status: r.result.response.status,
          headers: r.result.response.headers,
          body: r.result.response.body,
        })),
      ),
    [results],
  );
  return (
    <div className="aa-compare">
      <div className="aa-request-line">
        <span className="mono aa-compare-req">
          {draft.method} {draft.path}
        </span>
        <span className="grow" />
        <div className="aa-chips" role="group" aria-label="Personas to compare">
          {personas.map((p) => (
            <label key={p.id} className={`aa-chip${chosen.includes(p.id) ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={chosen.includes(p.id)}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))
                }
              />
              {p.name}
            </label>
          ))}
        </div>
        <button
          className="btn primary"
          disabled={running || chosen.length < 2 || blocked !== null}
          title={blocked ?? undefined}
          onClick={() => void run()}
        >
          {running ? 'Comparing…' : 'Compare'}
        </button>
      </div>
      <div className="aa-muted">Every run is rolled back.</div>
      {error && <div className="aa-inline-error">{error}</div>}
      {results && diff && (
        <>
          <div className="aa-compare-statuses" aria-label="Statuses">
            {results.map((r, i) => (
              <div key={r.persona.id} className={`aa-compare-status${diff.oddStatus[i] ? ' differs' : ''}`}>
                <b>{r.persona.name}</b>
                <Badge tone={statusTone(r.result.response.status)}>{r.result.response.status}</Badge>
                <span className="aa-muted">{statusMeaning(r.result.response.status)}</span>
                {r.result.response.status >= 400 && (
                  <span className="aa-muted mono">{safeCode(r.result.response.body)}</span>
                )}
              </div>
            ))}
          </div>
          <div className="aa-muted" aria-label="Comparison summary">
            {compareSummary(diff)}
          </div>
          {diff.rows ? (
            <div className="table-wrap aa-compare-table">
              <table className="table" aria-label="Rows by persona">
                <thead>
                  <tr>
                    <th>{diff.keyColumn ?? 'row'}</th>
                    {diff.personas.map((p) => (
                      <th key={p}>{p}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {diff.rows.map((row) => (
                    <tr
                      key={row.key}
                      className={
                        row.partial ? 'aa-only' : row.differingColumns.length ? 'aa-differs' : undefined
                      }
                    >
                      <td className="mono">{diff.keyColumn ? row.key : '—'}</td>
                      {row.cells.map((c, i) => (
                        <td key={i} className="mono">
                          {c === null ? (
                            <span className="aa-unseen">not visible</span>
                          ) : (
                            diff.columns
                              .filter((col) => col !== diff.keyColumn)
                              .map((col) => (
                                <span
                                  key={col}
                                  className={`aa-kv${row.differingColumns.includes(col) ? ' diff' : ''}`}
                                >
                                  {col}={cellText(c[col])}
                                </span>
                              ))
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {diff.rows.length === 0 && <div className="aa-muted aa-pad">No persona sees any row.</div>}
            </div>
          ) : (
            <div className="aa-compare-raw">
              {results.map((r) => (
                <pre key={r.persona.id} className="aa-pre">
                  {r.result.response.body}
                </pre>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function safeCode(body: string): string {
  try {
    const v = JSON.parse(body) as { code?: unknown };
    return typeof v.code === 'string' ? v.code : '';
  } catch {
    return '';
  }
}
