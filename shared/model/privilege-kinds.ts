import type { Privilege } from './catalog.js';

/** The kinds of object privileges are held on (a column is reported with its table, see EffectivePrivilege). */
export type PrivilegeObjectKind =
  'database' | 'schema' | 'table' | 'column' | 'sequence' | 'function' | 'type';

const TABLE: readonly Privilege[] = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
];
const TABLE_17: readonly Privilege[] = [...TABLE, 'MAINTAIN'];
const LISTS: Record<Exclude<PrivilegeObjectKind, 'table'>, readonly Privilege[]> = {
  database: ['CREATE', 'CONNECT', 'TEMPORARY'],
  schema: ['USAGE', 'CREATE'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  function: ['EXECUTE'],
  type: ['USAGE'],
};

/**
 * The privileges an object kind has on a server major version, in the order GRANT ALL lists them (MAINTAIN
 * on relations from 17). Tables, views, materialized views, partitioned and foreign tables are all `table`.
 */
export function privilegesOf(kind: PrivilegeObjectKind, major: number): readonly Privilege[] {
  return kind === 'table' ? (major >= 17 ? TABLE_17 : TABLE) : LISTS[kind];
}

/**
 * Privileges the predefined roles hold on every object of a kind without a grant (pg_class_aclmask,
 * pg_namespace_aclmask): pg_read_all_data and pg_write_all_data (14+), pg_maintain (17+).
 */
export const PREDEFINED_GRANTS: readonly {
  readonly role: string;
  readonly kind: PrivilegeObjectKind;
  readonly privileges: readonly Privilege[];
  readonly since: number;
}[] = [
  { role: 'pg_read_all_data', kind: 'table', privileges: ['SELECT'], since: 14 },
  { role: 'pg_read_all_data', kind: 'sequence', privileges: ['SELECT'], since: 14 },
  { role: 'pg_read_all_data', kind: 'schema', privileges: ['USAGE'], since: 14 },
  { role: 'pg_write_all_data', kind: 'table', privileges: ['INSERT', 'UPDATE', 'DELETE'], since: 14 },
  { role: 'pg_write_all_data', kind: 'sequence', privileges: ['UPDATE'], since: 14 },
  { role: 'pg_write_all_data', kind: 'schema', privileges: ['USAGE'], since: 14 },
  { role: 'pg_maintain', kind: 'table', privileges: ['MAINTAIN'], since: 17 },
];
