import { quoteIdentAlways, quoteNullableLiteral } from '../../shared/sql/quote-ident.js';

/** One statement of a request's transaction, as the simulator traced it. */
export interface Traced {
  readonly sql: string;
  readonly params: readonly (string | null)[];
  readonly ms: number;
}

const FRAME = /^(BEGIN|COMMIT|ROLLBACK|SET CONSTRAINTS|EXPLAIN)\b/i;

/** What each traced statement is: transaction framing, the set_config round, the pre-request, or the query. */
export function classify(
  t: Traced,
  preRequest: { schema: string; name: string } | null,
): 'frame' | 'settings' | 'pre-request' | 'main' | 'count' {
  const s = t.sql.trim();
  if (/^EXPLAIN \(FORMAT JSON\)/i.test(s)) return 'count';
  if (FRAME.test(s)) return 'frame';
  if (/^select set_config\(/i.test(s)) return 'settings';
  if (
    preRequest &&
    s.toLowerCase() === `select ${qi(preRequest.schema)}.${qi(preRequest.name)}()`.toLowerCase()
  )
    return 'pre-request';
  if (
    preRequest &&
    preRequest.schema === '' &&
    s.toLowerCase() === `select ${qi(preRequest.name)}()`.toLowerCase()
  )
    return 'pre-request';
  return 'main';
}

// PostgREST calls the pre-request function with always-quoted names.
const qi = quoteIdentAlways;

/** The request's own statement (what PostgREST generated for the path). */
export function mainStatement(
  trace: readonly Traced[],
  preRequest: { schema: string; name: string } | null,
): Traced | null {
  return trace.find((t) => classify(t, preRequest) === 'main') ?? null;
}

/** A literal for a text parameter, as quote_literal writes it (E'' when it holds backslashes). */
export function literal(v: string | null): string {
  return quoteNullableLiteral(v);
}

/**
 * The statement with its parameters written in as literals, for copying into a SQL tool (EXPLAIN binds the real
 * parameters instead: actAsConsole.explain). `$10` is replaced before `$1`.
 */
export function inlineParams(sql: string, params: readonly (string | null)[]): string {
  return sql.replace(/\$(\d+)/g, (m, n: string) => {
    const i = Number(n) - 1;
    return i >= 0 && i < params.length ? literal(params[i] ?? null) : m;
  });
}

/** A statement with its parameters listed, for the "how PostgREST got there" view. */
export function describeParams(t: Traced): string {
  return t.params
    .map(
      (p, i) =>
        `$${i + 1} = ${p === null ? 'NULL' : p.length > 200 ? `${literal(p.slice(0, 200))}…` : literal(p)}`,
    )
    .join('\n');
}
