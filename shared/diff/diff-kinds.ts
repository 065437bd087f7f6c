/**
 * The kinds of object the diff compares, as `--exclude-kind` and the UI's filter name them (migration.ts's
 * diffKindSchema is made of them; a plain list, so that the CLI checks its arguments before zod is loaded).
 */
export const DIFF_KINDS = [
  'schema',
  'extension',
  'collation',
  'type',
  'sequence',
  'table',
  'column',
  'constraint',
  'index',
  'statistics',
  'view',
  'materialized_view',
  'function',
  'trigger',
  'rule',
  'event_trigger',
  'publication',
  'rls',
  'policy',
  'owner',
  'grant',
  'default_privilege',
  'comment',
  'role',
  'membership',
] as const;

export type DiffKind = (typeof DIFF_KINDS)[number];

export function isDiffKind(value: string): value is DiffKind {
  return (DIFF_KINDS as readonly string[]).includes(value);
}
