import type { Node } from 'libpg-query';
import { GatehouseError } from '../../shared/errors.js';

/** A statement as the planner sees it: its text and PostgreSQL's parse tree of it. */
export interface ClassifiedInput {
  readonly sql: string;
  readonly node: Node;
}

/** Where a statement of a change set runs. */
export interface StatementPlacement {
  /** `transaction`: inside the one transaction; `after`: after COMMIT, alone, only when the user confirms. */
  readonly phase: 'transaction' | 'after';
  /** Why it cannot run in the transaction (null for `transaction`). */
  readonly reason: string | null;
}

const transactional: StatementPlacement = { phase: 'transaction', reason: null };

type Options = readonly { defname?: string; arg?: Node }[] | undefined;

function option(options: readonly Node[] | undefined, name: string): Node | null | undefined {
  for (const o of (options ?? []) as Options & Node[]) {
    const d = 'DefElem' in o ? o.DefElem : undefined;
    if (d?.defname === name) return d.arg ?? null;
  }
  return undefined;
}

/** A boolean option as PostgreSQL reads it (`opt`, `opt = true`, `opt = on`, `opt = 1` are true). */
function optionIsTrue(options: readonly Node[] | undefined, name: string, absent: boolean): boolean {
  const arg = option(options, name);
  if (arg === undefined) return absent;
  if (arg === null) return true;
  const text =
    'String' in arg
      ? arg.String.sval
      : 'Boolean' in arg
        ? String(arg.Boolean.boolval ?? false)
        : 'Integer' in arg
          ? String(arg.Integer.ival ?? 0)
          : 'A_Const' in arg && arg.A_Const.boolval
            ? String(arg.A_Const.boolval.boolval ?? false)
            : 'true';
  return !['false', 'off', '0', 'no'].includes((text ?? '').toLowerCase());
}

/** Why PostgreSQL refuses this statement inside a transaction block, or null when it does not. */
export function nonTransactionalReason(node: Node): string | null {
  if ('IndexStmt' in node && node.IndexStmt.concurrent) return 'CREATE INDEX CONCURRENTLY';
  if ('DropStmt' in node && node.DropStmt.concurrent) return 'DROP INDEX CONCURRENTLY';
  if ('ReindexStmt' in node) {
    const r = node.ReindexStmt;
    if (optionIsTrue(r.params, 'concurrently', false)) return 'REINDEX CONCURRENTLY';
    if (r.kind === 'REINDEX_OBJECT_SYSTEM' || r.kind === 'REINDEX_OBJECT_DATABASE')
      return r.kind === 'REINDEX_OBJECT_SYSTEM' ? 'REINDEX SYSTEM' : 'REINDEX DATABASE';
    return null;
  }
  if ('VacuumStmt' in node && node.VacuumStmt.is_vacuumcmd) return 'VACUUM';
  if ('CreatedbStmt' in node) return 'CREATE DATABASE';
  if ('DropdbStmt' in node) return 'DROP DATABASE';
  if ('AlterDatabaseStmt' in node && option(node.AlterDatabaseStmt.options, 'tablespace') !== undefined)
    return 'ALTER DATABASE … SET TABLESPACE';
  if ('AlterSystemStmt' in node) return 'ALTER SYSTEM';
  if ('CreateTableSpaceStmt' in node) return 'CREATE TABLESPACE';
  if ('DropTableSpaceStmt' in node) return 'DROP TABLESPACE';
  if ('DiscardStmt' in node && node.DiscardStmt.target === 'DISCARD_ALL') return 'DISCARD ALL';
  if ('ClusterStmt' in node && !node.ClusterStmt.relation) return 'CLUSTER without a table';
  if ('CreateSubscriptionStmt' in node) {
    const o = node.CreateSubscriptionStmt.options;
    // Only creating the replication slot (the default) is refused inside a transaction.
    return optionIsTrue(o, 'connect', true) && optionIsTrue(o, 'create_slot', true)
      ? 'CREATE SUBSCRIPTION (creates a replication slot)'
      : null;
  }
  if ('DropSubscriptionStmt' in node) return 'DROP SUBSCRIPTION (drops its replication slot)';
  if ('AlterSubscriptionStmt' in node) {
    const s = node.AlterSubscriptionStmt;
    if (s.kind === 'ALTER_SUBSCRIPTION_REFRESH') return 'ALTER SUBSCRIPTION … REFRESH PUBLICATION';
    if (
      (s.kind === 'ALTER_SUBSCRIPTION_SET_PUBLICATION' ||
        s.kind === 'ALTER_SUBSCRIPTION_ADD_PUBLICATION' ||
        s.kind === 'ALTER_SUBSCRIPTION_DROP_PUBLICATION') &&
      optionIsTrue(s.options, 'refresh', true)
    )
      return 'ALTER SUBSCRIPTION … PUBLICATION with refresh';
    return null;
  }
  return null;
}

/**
 * Statements a change set never takes: transaction control would break the one transaction, COPY with STDIN
 * or STDOUT needs a client stream. Returns why, or null.
 */
export function refusalReason(node: Node): string | null {
  if ('TransactionStmt' in node)
    return 'transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT…) would break the one transaction the set runs in';
  if ('CopyStmt' in node && !node.CopyStmt.filename && !node.CopyStmt.is_program)
    return `COPY ${node.CopyStmt.is_from ? 'FROM STDIN' : 'TO STDOUT'} needs a client data stream`;
  return null;
}

/** Refuses a statement a change set cannot hold (GH601), naming it. */
export function assertAcceptable(node: Node, label: string): void {
  const reason = refusalReason(node);
  if (reason)
    throw new GatehouseError('GH601', `${label} cannot be part of a change set: ${reason}.`, {
      hint: 'Leave it out: the set already runs in one transaction (BEGIN/COMMIT are added by Gatehouse).',
    });
}

const typeKey = (names: readonly Node[] | undefined): string[] =>
  (names ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''));

/** Same enum when the unqualified names match and the schemas do not contradict each other. */
function sameType(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0 || a.at(-1) !== b.at(-1)) return false;
  return a.length < 2 || b.length < 2 || a.at(-2) === b.at(-2);
}

/** Every string constant of a parse tree (A_Const svals), anywhere in it. */
function stringConstants(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) stringConstants(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'A_Const' && v && typeof v === 'object' && 'sval' in v) {
        const s = (v as { sval?: { sval?: string } }).sval?.sval;
        if (s !== undefined) out.add(s);
      }
      stringConstants(v, out);
    }
  }
  return out;
}

const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Where each statement of a set runs. Non-transactional statements go after the transaction; so does
 * `ALTER TYPE … ADD VALUE` when a later statement of the set uses the new value (PostgreSQL 12+ refuses to use
 * a value added in the same transaction unless the enum was created in it; before 12 ADD VALUE was refused in
 * any transaction) — and those later statements follow it, since they cannot run before it commits.
 */
export function placeStatements(
  statements: readonly ClassifiedInput[],
  serverVersionNum: number,
): StatementPlacement[] {
  const placements: StatementPlacement[] = statements.map((s) => {
    const reason = nonTransactionalReason(s.node);
    return reason
      ? { phase: 'after', reason: `${reason} cannot run inside a transaction block` }
      : transactional;
  });
  statements.forEach((s, i) => {
    if (!('AlterEnumStmt' in s.node)) return;
    const e = s.node.AlterEnumStmt;
    if (e.oldVal || e.newVal === undefined) return; // RENAME VALUE is transactional
    const type = typeKey(e.typeName);
    const createdInSet = statements
      .slice(0, i)
      .some((p) => 'CreateEnumStmt' in p.node && sameType(typeKey(p.node.CreateEnumStmt.typeName), type));
    if (serverVersionNum < 120000) {
      placements[i] = {
        phase: 'after',
        reason: 'ALTER TYPE … ADD VALUE cannot run inside a transaction block before PostgreSQL 12',
      };
      return;
    }
    if (createdInSet) return;
    const value = e.newVal;
    const users = statements
      .map((p, j) => ({ p, j }))
      .filter(
        ({ p, j }) =>
          j > i && (stringConstants(p.node, new Set()).has(value) || p.sql.includes(quoted(value))),
      );
    if (users.length === 0) return;
    placements[i] = {
      phase: 'after',
      reason: `ALTER TYPE … ADD VALUE ${quoted(value)} must commit before statement${users.length > 1 ? 's' : ''} ${users.map((u) => u.j + 1).join(', ')} can use the new value`,
    };
    for (const { j } of users)
      if (placements[j]!.phase === 'transaction')
        placements[j] = {
          phase: 'after',
          reason: `uses the enum value ${quoted(value)} added by statement ${i + 1}, which must commit first`,
        };
  });
  return placements;
}
