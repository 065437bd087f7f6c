import { useMemo, useState } from 'react';
import type { Catalog } from '../../shared/model/catalog.js';
import { asErrorShape, useClient } from '../client/index.js';
import { Badge, type BadgeTone } from '../shell/Badge.js';
import { consoleApi, type ContractPersona, type ExplainResult, type RequestResult } from './api.js';
import { asPgrstError, explainError, statusMeaning } from './explain-error.js';
import { RowCheckCallout } from './RowCheckCallout.js';
import { JsonTree } from './JsonTree.js';
import { openObjectTab } from './navigate.js';
import { header, parseBody, toCsv, type Tabular } from './response-body.js';
import { ResultGrid } from './ResultGrid.js';
import { PlanView } from '../workbench/PlanView.js';
import { SessionContextView } from './SessionContextView.js';
import { classify, describeParams, failedPreRequest, mainStatement } from './trace.js';
import { requestColumns } from './request-columns.js';

export function statusTone(status: number): BadgeTone {
  return status >= 500 ? 'danger' : status >= 400 ? 'warn' : status >= 300 ? 'info' : 'ok';
}

/** "rolled back" / "committed": always visible, so nobody wonders whether a write stuck. */
export function TxBadge({ committed }: { committed: boolean }) {
  return committed ? (
    <Badge tone="danger" title="This run's transaction was committed: its writes are in the database.">
      committed
    </Badge>
  ) : (
    <Badge tone="ok" title="This run's transaction was rolled back: nothing it wrote remains.">
      rolled back
    </Badge>
  );
}

type View = 'table' | 'json' | 'raw' | 'csv' | 'headers' | 'how';

export interface ResponseViewProps {
  readonly connectionId: string;
  readonly result: RequestResult;
  readonly method: string;
  readonly persona: ContractPersona;
  readonly catalog: Catalog | null;
  readonly schemas: readonly string[];
  /** performance.now() when the answer arrived, to report how long the grid took to show it. */
  readonly arrivedAt?: number;
  /** The request's path and body, for naming the columns a privilege error is about. */
  readonly path?: string;
  readonly body?: string | null;
  /** What changed since this answer came (persona, path, body …): it is shown dimmed as the previous one's. */
  readonly stale?: readonly string[];
  /** The persona whose answer this is, and the request it answered. */
  readonly answeredAs?: string;
  readonly answeredRequest?: string;
}

export function ResponseView({
  connectionId,
  result,
  method,
  persona,
  catalog,
  schemas,
  arrivedAt,
  path,
  body: requestBody,
  stale = [],
  answeredAs,
  answeredRequest,
}: ResponseViewProps) {
  const { response } = result;
  const contentType = header(response.headers, 'content-type');
  const body = useMemo(() => parseBody(response.body, contentType), [response.body, contentType]);
  const error = response.status >= 400 ? asPgrstError(response.body) : null;
  // an error body is one object, not rows: it is shown as the error callout and as JSON
  const table: Tabular | null = error
    ? null
    : body.kind === 'json'
      ? body.table
      : body.kind === 'csv'
        ? body.table
        : null;
  const [view, setView] = useState<View>(table ? 'table' : body.kind === 'json' ? 'json' : 'raw');
  const [gridMs, setGridMs] = useState<number | null>(null);
  const role = result.context?.role ?? null;
  const preRequestFn = error ? failedPreRequest(result.sql, result.context?.preRequest ?? null) : null;
  const explanation = error
    ? explainError(error, {
        catalog,
        schemas,
        role,
        method,
        columns: requestColumns(method, path ?? '', requestBody ?? null),
      })
    : null;
  const views: [View, string][] = [
    ...(table ? ([['table', `Table (${table.rows.length})`]] as [View, string][]) : []),
    ...(body.kind === 'json' ? ([['json', 'JSON']] as [View, string][]) : []),
    ['raw', 'Raw'],
    ...(table ? ([['csv', 'CSV']] as [View, string][]) : []),
    ['headers', `Headers (${response.headers.length})`],
    ['how', 'How PostgREST got there'],
  ];
  return (
    <section
      className={`aa-response${stale.length > 0 ? ' aa-stale' : ''}`}
      aria-label="Response"
      data-status={response.status}
      data-stale={stale.length > 0 ? 'true' : 'false'}
    >
      {stale.length > 0 && (
        <div className="callout info aa-stale-note" role="status" data-testid="stale-note">
          <div>
            Previous answer{answeredRequest ? ` (${answeredRequest}` : ''}
            {answeredAs ? ` as ${answeredAs}` : ''}
            {answeredRequest ? ')' : ''} — changed since: {stale.join(', ')}. Run again for the current
            request.
          </div>
        </div>
      )}
      <header className="aa-response-head">
        <Badge tone={statusTone(response.status)}>
          <span data-testid="status">{response.status}</span>
        </Badge>
        <span className="aa-status-text">
          {preRequestFn
            ? `Raised by the pre-request function ${preRequestFn} — not a JWT problem`
            : statusMeaning(response.status)}
        </span>
        {answeredAs && (
          <span className="aa-answer-as" data-testid="answer-as">
            as <b>{answeredAs}</b>
          </span>
        )}
        <span className="grow" />
        <TxBadge committed={result.committed} />
        <Badge
          tone="neutral"
          title="The PostgREST major this answer is the answer of (set in the configuration)."
        >
          <span data-testid="postgrest-version">PostgREST {result.postgrestVersion}</span>
        </Badge>
        <span
          className="aa-timing"
          title={`auth ${fmt(result.timing.authMs)} · parse ${fmt(result.timing.parseMs)} · plan ${fmt(result.timing.planMs)} · render ${fmt(result.timing.renderMs)} · execute ${fmt(result.timing.executeMs)}`}
        >
          {fmt(result.timing.totalMs)}
          {gridMs !== null && (
            <span className="aa-muted" data-testid="grid-ms" data-ms={gridMs.toFixed(1)}>
              {' '}
              · grid {fmt(gridMs)}
            </span>
          )}
        </span>
      </header>
      {result.rowCheck && <RowCheckCallout check={result.rowCheck} catalog={catalog} />}
      {error && explanation && (
        <div className="callout error aa-error" role="alert">
          <div>
            <div className="title">
              {error.message} <span className="code">{error.code}</span>
            </div>
            {error.details !== null && error.details !== '' && (
              <div className="details">Details: {String(error.details)}</div>
            )}
            {error.hint !== null && error.hint !== '' && (
              <div className="hint">Hint: {String(error.hint)}</div>
            )}
            {preRequestFn && (
              <p className="aa-plain" data-testid="pre-request-error">
                This error came from the pre-request function <b className="mono">{preRequestFn}()</b>{' '}
                (db-pre-request), which runs before every request: the request&apos;s own query never ran. It
                is not about the JWT — look at what {preRequestFn} checks (cookies, headers, claims).
              </p>
            )}
            {!preRequestFn && <p className="aa-plain">{explanation.plain}</p>}
            {explanation.policies.length > 0 && (
              <ul className="aa-policies" aria-label="Policies involved">
                {explanation.policies.map((p) => (
                  <li key={p.name}>
                    <b className="mono">{p.name}</b>{' '}
                    <span className="aa-muted">
                      {p.command} · {p.permissive ? 'permissive' : 'restrictive'}
                    </span>
                    {p.withCheck && (
                      <div>
                        <span className="aa-muted">WITH CHECK</span> <code>{p.withCheck}</code>
                      </div>
                    )}
                    {!p.withCheck && p.using && (
                      <div>
                        <span className="aa-muted">USING (also checks new rows)</span> <code>{p.using}</code>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {explanation.link && (
              <button
                className="link"
                onClick={() => openObjectTab(explanation.link!.ref, explanation.link!.tab)}
              >
                Open {explanation.link.label} →
              </button>
            )}
          </div>
        </div>
      )}
      <div className="tabs aa-tabs" role="tablist" aria-label="Response views">
        {views.map(([id, label]) => (
          <button key={id} role="tab" className="tab" aria-selected={view === id} onClick={() => setView(id)}>
            {label}
          </button>
        ))}
      </div>
      <div className="aa-response-body">
        {view === 'table' && table && (
          <ResultGrid
            table={table}
            label="Response rows"
            onRendered={() => arrivedAt !== undefined && setGridMs(performance.now() - arrivedAt)}
          />
        )}
        {view === 'json' && body.kind === 'json' && (
          <div className="aa-json">
            <JsonTree value={body.value} />
          </div>
        )}
        {view === 'raw' && (
          <pre className="aa-pre aa-raw">{response.body === '' ? '(empty body)' : response.body}</pre>
        )}
        {view === 'csv' && table && <pre className="aa-pre aa-raw">{toCsv(table)}</pre>}
        {view === 'headers' && (
          <table className="table aa-headers">
            <tbody>
              <tr>
                <th>Status</th>
                <td className="mono">
                  {response.status} {response.statusText ?? ''}
                </td>
              </tr>
              {response.headers.map(([k, v], i) => (
                <tr key={i}>
                  <th className="mono">{k}</th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view === 'how' && (
          <HowView connectionId={connectionId} result={result} persona={persona} catalog={catalog} />
        )}
      </div>
    </section>
  );
}

function fmt(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** The transaction as it ran: context, every statement with its parameters, and EXPLAIN on demand. */
function HowView({
  connectionId,
  result,
  persona,
  catalog,
}: {
  connectionId: string;
  result: RequestResult;
  persona: ContractPersona;
  catalog: Catalog | null;
}) {
  const client = useClient();
  const ctx = result.context;
  const main = mainStatement(result.sql, ctx?.preRequest ?? null);
  const [plan, setPlan] = useState<ExplainResult | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const explain = async (analyze: boolean) => {
    if (!main) return;
    setBusy(true);
    setPlanError(null);
    try {
      if (!ctx) return;
      // The recorded statement with its parameters bound, in the request's own session (rolled back).
      setPlan(
        await consoleApi.explain(client, {
          connectionId,
          persona,
          statement: { sql: main.sql, params: [...main.params] },
          context: ctx,
          analyze,
        }),
      );
    } catch (e) {
      setPlanError(asErrorShape(e).message);
    } finally {
      setBusy(false);
    }
  };
  if (result.sql.length === 0)
    return (
      <div className="aa-muted aa-pad">
        Nothing reached the database: PostgREST answered before opening a transaction.
      </div>
    );
  return (
    <div className="aa-how">
      {ctx && <SessionContextView ctx={ctx} />}
      {main && (
        <div className="aa-explain">
          <button className="btn small" disabled={busy} onClick={() => void explain(false)}>
            EXPLAIN
          </button>
          <button
            className="btn small"
            disabled={busy}
            onClick={() => void explain(true)}
            title="Runs the statement, then rolls back."
          >
            EXPLAIN ANALYZE (rolled back)
          </button>
          {planError && <div className="aa-inline-error">{planError}</div>}
          {plan?.error && <div className="aa-inline-error">{plan.error.message}</div>}
          {plan?.plan !== undefined && plan.plan !== null && (
            <>
              {/* The model names the policies a filter came from. */}
              <PlanView json={plan.plan} catalog={catalog} />
              <details className="aa-plan-raw">
                <summary>EXPLAIN as JSON</summary>
                <pre className="aa-pre aa-plan">{JSON.stringify(plan.plan, null, 2)}</pre>
              </details>
            </>
          )}
        </div>
      )}
      <ol className="aa-statements" aria-label="Statements">
        {result.sql.map((s, i) => {
          const kind = classify(s, ctx?.preRequest ?? null);
          return (
            <li key={i} className={`aa-stmt aa-stmt-${kind}`}>
              <div className="aa-stmt-head">
                <Badge tone={kind === 'main' ? 'info' : 'outline'}>{kind}</Badge>
                <span className="aa-muted">{fmt(s.ms)}</span>
              </div>
              <pre className="aa-pre aa-sql">{s.sql}</pre>
              {s.params.length > 0 && (
                <details>
                  <summary className="aa-muted">{s.params.length} parameters</summary>
                  <pre className="aa-pre">{describeParams(s)}</pre>
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
