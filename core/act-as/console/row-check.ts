/**
 * Silent RLS filtering, measured: how many rows a request's filters match for the developer (the table owner,
 * whom RLS does not filter unless FORCE) against how many the persona read or touched. The studio path only —
 * `gatehouse serve` and the conformance runner never call this, so PostgREST's answer is untouched.
 */
import type pg from 'pg';
import type { RowCheck } from '../../../shared/contract/act-as.js';
import { countQuery, logicTree } from '../render/read.js';
import { Params, qident } from '../render/sql.js';
import type { QualifiedName } from '../schema-cache/types.js';
import type { DbPlan } from '../stages.js';

/** The filters of one request as a `SELECT count(*)`: the planner's own rendering of its WHERE. */
export interface MatchQuery {
  readonly command: RowCheck['command'];
  readonly table: QualifiedName;
  readonly sql: string;
  readonly params: readonly (string | null)[];
}

const counted = (inner: string): string => `SELECT count(*)::int AS n FROM (${inner}) AS gh_match`;

/** The count statement for a read, update or delete of a table or view; null for inserts, calls and the rest. */
export function matchQuery(plan: DbPlan | null): MatchQuery | null {
  if (plan === null) return null;
  const p = new Params();
  if (plan.type === 'read') {
    const sql = counted(countQuery(p, plan.readPlan));
    return { command: 'SELECT', table: plan.readPlan.node.from, sql, params: p.values };
  }
  if (plan.type !== 'mutate') return null;
  const m = plan.mutatePlan;
  if (m.type === 'insert') return null;
  const table = m.type === 'update' ? m.table : m.from;
  const where = m.where.length ? ` WHERE ${m.where.map((t) => logicTree(p, table, t)).join(' AND ')}` : '';
  return {
    command: m.type === 'update' ? 'UPDATE' : 'DELETE',
    table,
    sql: counted(`SELECT 1 FROM ${qident(table)}${where}`),
    params: p.values,
  };
}

/**
 * Counts `q` on `client` (the developer's own connection) in a read-only transaction that is always rolled back,
 * with the request's search_path; null when the developer cannot count it (no privilege, FORCE RLS aside).
 */
export async function countAsDeveloper(
  client: pg.ClientBase,
  q: MatchQuery,
  searchPath: readonly string[],
): Promise<number | null> {
  await client.query('BEGIN READ ONLY');
  try {
    await client.query("SELECT set_config('search_path', $1, true)", [
      searchPath.map((s) => `"${s.replace(/"/g, '""')}"`).join(', '),
    ]);
    const r = await client.query<{ n: number }>(q.sql, q.params as (string | null)[]);
    return r.rows[0]?.n ?? null;
  } catch {
    return null;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/** What the studio needs to measure one finished request. */
export interface RowCheckInput {
  readonly plan: DbPlan | null;
  readonly role: string | null;
  readonly searchPath: readonly string[];
  /** Rows the main statement touched (writes) — reads are counted as the persona instead, without the page. */
  readonly affected: number | null;
  readonly status: number;
  readonly committed: boolean;
  readonly countAsDeveloper: (q: MatchQuery) => Promise<number | null>;
  readonly countAsPersona: (q: MatchQuery) => Promise<number | null>;
}

/**
 * The row check of a successful, rolled-back request (a committed one changed what the developer would count).
 * Null when there is nothing to compare or a count failed.
 */
export async function rowCheck(input: RowCheckInput): Promise<RowCheck | null> {
  if (input.committed || input.status >= 300 || input.role === null) return null;
  const q = matchQuery(input.plan);
  if (q === null) return null;
  const [matching, affected] = await Promise.all([
    input.countAsDeveloper(q),
    q.command === 'SELECT' ? input.countAsPersona(q) : Promise.resolve(input.affected),
  ]);
  if (matching === null || affected === null) return null;
  return {
    command: q.command,
    schema: q.table.schema,
    table: q.table.name,
    role: input.role,
    matching,
    affected,
  };
}
