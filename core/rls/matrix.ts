import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { MatrixCell, MatrixCommand, MatrixPersona } from '../../shared/contract/rls.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { sqlFile } from '../db/sql-files.js';
import { quoteIdent, quoteQualified } from '../ddl/quote.js';
import type { SessionContext } from '../act-as/execute/session.js';
import {
  enterPersona,
  personaRole,
  personaSession,
  roleAfterPreRequest,
  type PersonaRole,
} from './persona-session.js';
import { plural } from '../../shared/text/plural.js';

export const matrixCommands: readonly MatrixCommand[] = ['select', 'insert', 'update', 'delete'];

/** A policy as the probe transaction reads it (sql/rls/relations.sql). */
export interface ProbePolicy {
  readonly name: string;
  readonly permissive: boolean;
  /** pg_policy.polcmd: r a w d or * (ALL). */
  readonly cmd: string;
  /** Whether it applies to the persona's role (PUBLIC, or a role whose privileges it has). */
  readonly applies: boolean;
  readonly using: string | null;
  readonly check: string | null;
}

export interface ProbeRelation {
  readonly schema: string;
  readonly name: string;
  readonly kind: string;
  readonly rls: boolean;
  readonly forced: boolean;
  readonly owner: string;
  readonly owns: boolean;
  readonly developer_reads: boolean;
  readonly can_select: boolean;
  readonly can_insert: boolean;
  readonly can_update: boolean;
  readonly can_delete: boolean;
  readonly update_column: string | null;
  readonly policies: readonly ProbePolicy[];
}

export interface MatrixInput {
  /** Opens a developer connection; one is opened per persona and closed after. */
  readonly connect: () => Promise<pg.ClientBase & { end(): Promise<void> }>;
  readonly config: PostgrestConfig;
  readonly personas: readonly MatrixPersona[];
  /** Statements run as the developer first, in the same rolled-back transaction: the preview of a change set. */
  readonly preview?: (client: pg.ClientBase) => Promise<void>;
}

const CMD_LETTER: Record<MatrixCommand, string> = { select: 'r', insert: 'a', update: 'w', delete: 'd' };

/** The policies that apply to the persona for a command, split by kind. */
export function applicablePolicies(
  rel: Pick<ProbeRelation, 'policies'>,
  command: MatrixCommand,
): { permissive: ProbePolicy[]; restrictive: ProbePolicy[] } {
  const mine = rel.policies.filter((p) => p.applies && (p.cmd === '*' || p.cmd === CMD_LETTER[command]));
  return { permissive: mine.filter((p) => p.permissive), restrictive: mine.filter((p) => !p.permissive) };
}

/** Why RLS does not filter for this role, or null when it does. */
export function rlsBypass(rel: ProbeRelation, role: PersonaRole): string | null {
  if (!rel.rls) return `RLS is off on ${rel.schema}.${rel.name}`;
  if (role.superuser) return `${role.role} is a superuser and bypasses RLS`;
  if (role.bypassrls) return `${role.role} has BYPASSRLS`;
  if (rel.owns && !rel.forced) return `${role.role} acts as the owner (${rel.owner}) and RLS is not forced`;
  return null;
}

export interface Probe {
  readonly sql: string;
  readonly count: boolean;
}

/** The statement that probes one cell; it always runs in a subtransaction that is rolled back. */
export function probeStatement(rel: ProbeRelation, command: MatrixCommand): Probe | null {
  const target = quoteQualified(rel.schema, rel.name);
  switch (command) {
    case 'select':
      return { sql: `select count(*) from ${target}`, count: true };
    case 'insert':
      return { sql: `insert into ${target} default values`, count: false };
    case 'update':
      if (rel.update_column === null) return null;
      return {
        sql: `update ${target} set ${quoteIdent(rel.update_column)} = ${quoteIdent(rel.update_column)} where true`,
        count: false,
      };
    case 'delete':
      return { sql: `delete from ${target} where true`, count: false };
  }
}

export type Outcome = { n: number } | { state: string; message: string };

const names = (ps: readonly ProbePolicy[]) => ps.map((p) => p.name).join(', ');

/** The cell for one probe outcome: allowed or not, and what decided. */
export function cellFor(
  persona: string,
  rel: ProbeRelation,
  role: PersonaRole,
  command: MatrixCommand,
  outcome: Outcome | null,
): MatrixCell {
  const relation = `${rel.schema}.${rel.name}`;
  const cell = (allowed: boolean, reason: string, rows?: number): MatrixCell => ({
    persona,
    relation,
    command,
    allowed,
    ...(rows !== undefined ? { rows } : {}),
    reason,
  });
  const priv = command.toUpperCase();
  const granted = {
    select: rel.can_select,
    insert: rel.can_insert,
    update: rel.can_update,
    delete: rel.can_delete,
  }[command];
  if (!granted) return cell(false, `${role.role} has no ${priv} privilege on ${relation}`);
  if (outcome === null)
    return cell(false, `${role.role} has no column of ${relation} it may both read and update`);
  const bypass = rlsBypass(rel, role);
  const { permissive, restrictive } = applicablePolicies(rel, command);
  const policyText =
    bypass ??
    (permissive.length === 0
      ? `RLS is on and no ${priv} policy applies to ${role.role}`
      : `policy ${names(permissive)}${restrictive.length ? ` and restrictive ${names(restrictive)}` : ''}`);
  if ('state' in outcome) {
    if (outcome.state === '42501' && /row-level security/.test(outcome.message))
      return cell(
        false,
        command === 'insert'
          ? `${priv} granted; ${policyText}: a row of column defaults fails WITH CHECK (${outcome.message})`
          : `${priv} granted; ${policyText}: WITH CHECK rejects the rows (${outcome.message})`,
      );
    if (outcome.state === '42501') return cell(false, `permission denied: ${outcome.message}`);
    if (command === 'select')
      return cell(
        false,
        rel.developer_reads
          ? `the probe failed: ${outcome.message} [${outcome.state}]`
          : `the developer cannot read ${relation}: ${outcome.message} [${outcome.state}]`,
      );
    // RLS checks run before constraints: a constraint error means the policies let the row through.
    if (command === 'insert' && /^23/.test(outcome.state))
      return cell(true, `${priv} granted; ${policyText}; the probe row passed RLS, then ${outcome.message}`);
    return cell(false, `${priv} granted; the probe failed: ${outcome.message} [${outcome.state}]`);
  }
  if (bypass === null && permissive.length === 0)
    return command === 'select'
      ? cell(true, `SELECT granted; ${policyText}: every row is hidden`, 0)
      : cell(
          false,
          `${priv} granted; ${policyText}: no row can be ${command === 'insert' ? 'added' : `${command}d`}`,
        );
  if (command === 'select') return cell(true, `SELECT granted; ${policyText}`, outcome.n);
  if (command === 'insert')
    return cell(true, `INSERT granted; ${policyText}; a row of column defaults passes`);
  return cell(true, `${priv} granted; ${policyText}; ${outcome.n} ${plural(outcome.n, 'row')} affected`);
}

/** What one persona's probe run found: per relation × command, the statement and its outcome. */
export interface PersonaProbeRun {
  readonly persona: MatrixPersona;
  readonly role: PersonaRole;
  readonly session: SessionContext;
  readonly probes: readonly {
    readonly relation: ProbeRelation;
    readonly command: MatrixCommand;
    readonly probe: Probe | null;
    readonly outcome: Outcome | null;
  }[];
}

/** Runs the probes of one persona on its own connection, in one rolled-back transaction. */
export async function probePersona(input: MatrixInput, persona: MatrixPersona): Promise<PersonaProbeRun> {
  const client = await input.connect();
  try {
    const claimed = await personaRole(client, persona, input.config);
    const session = await personaSession(client, persona, claimed.role, input.config);
    await client.query('begin isolation level read committed read write');
    try {
      if (input.preview) await input.preview(client);
      // Grants and policies are those of the role the probes run as: after the pre-request (cookie sessions).
      const role = await roleAfterPreRequest(client, session, claimed);
      const rels = (
        await client.query<ProbeRelation>(sqlFile('rls/relations.sql'), [input.config.dbSchemas, role.role])
      ).rows;
      const planned = rels.flatMap((relation) =>
        matrixCommands.map((command) => ({ relation, command, probe: probeStatement(relation, command) })),
      );
      await client.query("select set_config('gatehouse.rls_probes', $1, true)", [
        JSON.stringify(planned.flatMap((p) => (p.probe ? [p.probe] : []))),
      ]);
      await enterPersona(client, session);
      await client.query(sqlFile('rls/probe.sql'));
      const results = (await client.query<{ results: Outcome[] }>(sqlFile('rls/probe-results.sql'))).rows[0]
        ?.results;
      if (!results) throw new GatehouseError('GH900', 'The matrix probe returned no results.');
      let next = 0;
      return {
        persona,
        role,
        session,
        probes: planned.map((p) => ({ ...p, outcome: p.probe === null ? null : (results[next++] ?? null) })),
      };
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

const cellsOf = (run: PersonaProbeRun): MatrixCell[] =>
  run.probes.map((p) => cellFor(run.persona.name, p.relation, run.role, p.command, p.outcome));

/** The matrix: personas × relations of db-schemas × select/insert/update/delete, nothing ever changed. */
export async function computeMatrix(input: MatrixInput): Promise<MatrixCell[]> {
  const runs = await Promise.all(input.personas.map((p) => probePersona(input, p)));
  return runs.flatMap(cellsOf);
}
