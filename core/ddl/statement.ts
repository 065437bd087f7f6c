import type { ObjectRef } from '../../shared/model/catalog.js';

/** What a statement does to its object: the change set groups and labels by it, the diff orders by it. */
export type StatementKind =
  'create' | 'alter' | 'drop' | 'rename' | 'comment' | 'owner' | 'grant' | 'revoke' | 'refresh';

/**
 * One DDL statement, without its trailing semicolon. `transactional` is false for statements PostgreSQL refuses
 * inside a transaction block (CREATE INDEX CONCURRENTLY …). `redacted`, when present, is what to show and log
 * instead of `sql` because `sql` carries a secret (a password).
 */
export interface Statement {
  readonly sql: string;
  readonly kind: StatementKind;
  readonly object: ObjectRef;
  readonly transactional: boolean;
  readonly redacted?: string;
}

export function statement(
  kind: StatementKind,
  object: ObjectRef,
  sql: string,
  extra: { transactional?: boolean; redacted?: string } = {},
): Statement {
  return {
    sql,
    kind,
    object,
    transactional: extra.transactional ?? true,
    ...(extra.redacted !== undefined ? { redacted: extra.redacted } : {}),
  };
}

/** Statements as one script, each ending in `;`, secrets shown redacted unless asked for. */
export function toScript(statements: readonly Statement[], options: { secrets?: boolean } = {}): string {
  return statements.map((s) => `${options.secrets === true ? s.sql : (s.redacted ?? s.sql)};\n`).join('');
}

export const refs = {
  role: (name: string): ObjectRef => ({ kind: 'role', schema: null, name }),
  schema: (name: string): ObjectRef => ({ kind: 'schema', schema: null, name }),
  database: (name: string): ObjectRef => ({ kind: 'database', schema: null, name }),
  extension: (name: string): ObjectRef => ({ kind: 'extension', schema: null, name }),
  /** An event trigger: a trigger of no relation (see isEventTriggerRef). */
  eventTrigger: (name: string): ObjectRef => ({ kind: 'trigger', schema: null, name }),
  publication: (name: string): ObjectRef => ({ kind: 'publication', schema: null, name }),
  /** A procedural language (database-wide): only its privileges are written. */
  language: (name: string): ObjectRef => ({ kind: 'language', schema: null, name }),
  relation: (schema: string, name: string): ObjectRef => ({ kind: 'relation', schema, name }),
  sequence: (schema: string, name: string): ObjectRef => ({ kind: 'sequence', schema, name }),
  type: (schema: string, name: string): ObjectRef => ({ kind: 'type', schema, name }),
  collation: (schema: string, name: string): ObjectRef => ({ kind: 'collation', schema, name }),
  /** An extended statistics object (CREATE STATISTICS). */
  statistics: (schema: string, name: string): ObjectRef => ({ kind: 'statistics', schema, name }),
  function: (schema: string, name: string, args: string): ObjectRef => ({
    kind: 'function',
    schema,
    name,
    args,
  }),
  member: (
    kind: 'column' | 'constraint' | 'index' | 'trigger' | 'policy' | 'rule',
    schema: string,
    relation: string,
    member: string,
  ): ObjectRef => ({ kind, schema, name: relation, member }),
};
