import type pg from 'pg';
import type { MatrixCommand, MatrixPersona, WhyRow } from '../../shared/contract/rls.js';
import { GatehouseError } from '../../shared/errors.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { sqlFile } from '../db/sql-files.js';
import { quoteIdent, quoteQualified } from '../ddl/quote.js';
import { applicablePolicies, type ProbePolicy } from './matrix.js';
import { enterPersona, personaRole, personaSession, roleAfterPreRequest } from './persona-session.js';

export interface WhyRowInput {
  readonly client: pg.ClientBase;
  readonly config: PostgrestConfig;
  readonly persona: MatrixPersona;
  readonly relation: { readonly schema: string; readonly name: string };
  /** The row's primary key, column → value as text. */
  readonly key: Readonly<Record<string, string | null>>;
  readonly command: MatrixCommand;
  /** Statements run as the developer first (a previewed change set), in the same rolled-back transaction. */
  readonly preview?: (client: pg.ClientBase) => Promise<void>;
}

type Verdict = 'true' | 'false' | 'null';

interface TableState {
  rls: boolean;
  forced: boolean;
  owner: string;
  owns: boolean;
  granted: boolean;
  pk: string[];
  policies: ProbePolicy[];
}

const asVerdict = (v: boolean | null): Verdict => (v === null ? 'null' : v ? 'true' : 'false');

/**
 * Which expressions a command checks: SELECT and DELETE the USING of the row, INSERT the WITH CHECK of the
 * new row, UPDATE both (the row unchanged). A policy without WITH CHECK uses its USING for it (PostgreSQL's rule).
 */
function clauses(p: ProbePolicy, command: MatrixCommand): { using: string | null; check: string | null } {
  if (command === 'select' || command === 'delete') return { using: p.using, check: null };
  const check = p.check ?? p.using;
  return command === 'insert' ? { using: null, check } : { using: p.using, check };
}

/**
 * "Why this row?": the row is read as the developer (row_security off, so a hidden row is an error, not a
 * silent miss); each applying policy's expressions are then evaluated as the persona — its role, claims, headers
 * and pre-request, exactly as the simulator sets them — over the row's values, so current_user, current_setting
 * and sub-queries (with their own RLS) behave as they do inside the persona's query. All rolled back.
 */
export async function whyRow(input: WhyRowInput): Promise<WhyRow> {
  const { client, persona, relation, command } = input;
  const claimed = await personaRole(client, persona, input.config);
  const session = await personaSession(client, persona, claimed.role, input.config);
  const label = `${relation.schema}.${relation.name}`;
  await client.query('begin isolation level read committed read write');
  try {
    if (input.preview) await input.preview(client);
    // The policies that apply are those of the role after the pre-request (a cookie session switches it).
    const role = await roleAfterPreRequest(client, session, claimed);
    const t = (
      await client.query<TableState>(sqlFile('rls/why-row-table.sql'), [
        relation.schema,
        relation.name,
        role.role,
        command.toUpperCase(),
      ])
    ).rows[0];
    if (!t)
      throw new GatehouseError('GH804', `There is no table ${label}.`, {
        hint: 'Pick a table (views have no policies of their own).',
      });
    const cols = Object.keys(input.key);
    if (t.pk.length === 0 || cols.length !== t.pk.length || !t.pk.every((c) => cols.includes(c)))
      throw new GatehouseError(
        'GH804',
        `Name the row of ${label} by its primary key (${t.pk.join(', ') || 'none'}).`,
        {
          details: `given: ${cols.join(', ') || 'nothing'}`,
        },
      );
    await client.query("select set_config('row_security', 'off', true)");
    const where = t.pk.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(' and ');
    const found = await client
      .query<{ row: Record<string, unknown> }>(
        `select to_jsonb(r) as row from ${quoteQualified(relation.schema, relation.name)} r where ${where}`,
        t.pk.map((c) => input.key[c] ?? null),
      )
      .catch((e: unknown) => {
        throw new GatehouseError('GH804', `The developer cannot read ${label}: ${(e as Error).message}`);
      });
    const row = found.rows[0]?.row;
    if (!row)
      throw new GatehouseError(
        'GH804',
        `${label} has no row with ${t.pk.map((c) => `${c} = ${input.key[c]}`).join(', ')}.`,
      );
    await client.query("select set_config('row_security', 'on', true)");

    const base = { relation: label, command, role: role.role, row };
    if (!t.granted)
      return {
        ...base,
        rls: t.rls ? 'enabled' : 'off',
        policies: [],
        verdict: false,
        reason: `${role.role} has no ${command.toUpperCase()} privilege on ${label}: RLS is never reached.`,
      };
    const bypass = !t.rls
      ? `RLS is off on ${label}: every row counts.`
      : role.superuser || role.bypassrls
        ? `${role.role} bypasses RLS.`
        : t.owns && !t.forced
          ? `${role.role} acts as the owner (${t.owner}) and RLS is not forced.`
          : null;
    const { permissive, restrictive } = applicablePolicies(t, command);
    await enterPersona(client, session);
    const source = `jsonb_populate_record(null::${quoteQualified(relation.schema, relation.name)}, $1::jsonb) as ${quoteIdent(relation.name)}`;
    const evaluate = async (expr: string | null): Promise<{ v: Verdict | null; error: string | null }> => {
      if (expr === null) return { v: null, error: null };
      await client.query('savepoint gh_why');
      try {
        const r = await client.query<{ v: boolean | null }>(`select (${expr})::boolean as v from ${source}`, [
          JSON.stringify(row),
        ]);
        await client.query('release savepoint gh_why');
        return { v: asVerdict(r.rows[0]?.v ?? null), error: null };
      } catch (e) {
        await client.query('rollback to savepoint gh_why');
        return { v: 'null', error: (e as Error).message };
      }
    };
    const policies: WhyRow['policies'] = [];
    for (const p of [...permissive, ...restrictive]) {
      const c = clauses(p, command);
      const u = await evaluate(c.using);
      const w = await evaluate(c.check);
      policies.push({
        name: p.name,
        permissive: p.permissive,
        using: c.using,
        usingResult: u.v,
        withCheck: c.check,
        withCheckResult: w.v,
        error: u.error ?? w.error,
      });
    }
    // A policy holds when every expression the command checks is true (null is not true).
    const holds = (p: WhyRow['policies'][number]) => {
      const vs = [p.usingResult, p.withCheckResult].filter((v): v is Verdict => v !== null);
      return vs.length > 0 && vs.every((v) => v === 'true');
    };
    const passing = policies.filter((p) => p.permissive && holds(p)).map((p) => p.name);
    const failingRestrictive = policies.filter((p) => !p.permissive && !holds(p)).map((p) => p.name);
    const verdict = bypass !== null || (passing.length > 0 && failingRestrictive.length === 0);
    const cmd = command.toUpperCase();
    const reason =
      bypass ??
      (permissive.length === 0
        ? `No permissive ${cmd} policy applies to ${role.role}: the row is out.`
        : passing.length === 0
          ? `No permissive policy is true for this row (${permissive.map((p) => p.name).join(', ')}).`
          : failingRestrictive.length > 0
            ? `${passing.join(', ')} would let it through, but restrictive ${failingRestrictive.join(', ')} is not true.`
            : `${passing.join(', ')} let${passing.length === 1 ? 's' : ''} the row through${restrictive.length ? ' and every restrictive policy holds' : ''}.`);
    return {
      ...base,
      rls: bypass === null ? 'enabled' : t.rls ? 'bypassed' : 'off',
      policies,
      verdict,
      reason,
    };
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}
