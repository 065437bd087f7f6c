import { GatehouseError } from '../errors.js';
import type { CatalogIndex } from './catalog-index.js';
import type { Catalog, ColumnRef, ObjectRef, Privilege, QualifiedName } from './catalog.js';
import { privilegesOf, type PrivilegeObjectKind } from './privilege-kinds.js';
import { privilegeTable, type PrivilegeTable } from './privilege-table.js';
import { requireRole, roleRules, type RoleRules } from './role-closure.js';

/**
 * How a role holds a privilege, as PostgreSQL's aclmask decides it: through an ACL item granted to the role
 * itself (`direct`), to PUBLIC (`public`), or to a role whose privileges it inherits (`inherited`, the nearest
 * such role in `via`); through a predefined role (pg_read_all_data, pg_write_all_data, pg_maintain) that holds
 * it on every object of its kind (`predefined`); or because it is a superuser (`superuser`).
 */
export type PrivilegeSource = 'direct' | 'public' | 'inherited' | 'predefined' | 'superuser';

/** One privilege a role holds on one object, and why. */
export interface EffectivePrivilege {
  /** The object: for column privileges the table (`kind: 'relation'`), the column in `column`. */
  readonly object: ObjectRef;
  readonly kind: PrivilegeObjectKind;
  readonly privilege: Privilege;
  /** Set only where the role holds the privilege on this column but not on the whole table. */
  readonly column?: string;
  /** The role it is held through (the role itself when direct or superuser), or `PUBLIC`. */
  readonly via: string;
  readonly source: PrivilegeSource;
  /** WITH GRANT OPTION: from some ACL item it holds, or because it has the privileges of the owner. */
  readonly grantable: boolean;
}

export interface PrivilegeQueryOptions {
  /** Ask for `… WITH GRANT OPTION` (has_table_privilege(r, t, 'SELECT WITH GRANT OPTION')). */
  readonly grantOption?: boolean;
}

type Model = Catalog | CatalogIndex;

interface Holding {
  readonly via: string;
  readonly source: PrivilegeSource;
  readonly grantable: boolean;
}

/**
 * How `role` holds the privilege of slot `slot`: the first route PostgreSQL's aclmask finds (the role or PUBLIC,
 * then inherited roles nearest first, then predefined roles), or null; and whether it holds the grant option —
 * from an ACL item it reaches, or implicitly as (a role with the privileges of) the owner, which holds every
 * grant option even on a privilege it has revoked from itself.
 */
function holding(
  t: PrivilegeTable,
  rules: RoleRules,
  role: string,
  slot: number,
): { held: Holding | null; grantOption: boolean } {
  if (rules.isSuperuser(role))
    return { held: { via: role, source: 'superuser', grantable: true }, grantOption: true };
  const closure = rules.closure(role, 'USAGE');
  const position = t.slotObject[slot]!;
  const object = t.objects[position]!;
  const privilege = object.privileges[slot - object.base];
  let via: string | null = null;
  let rank = Infinity;
  let grantOption = closure.distance.has(object.owner);
  for (const g of t.grantsOf[position]!) {
    if (g.privilege !== privilege) continue;
    const grantee = g.grantee.kind === 'public' ? null : g.grantee.name;
    const d = grantee === null ? 0.5 : closure.distance.get(grantee);
    if (d === undefined) continue;
    if (g.grantable) grantOption = true;
    if (d < rank) {
      rank = d;
      via = grantee ?? 'PUBLIC';
    }
  }
  if (via !== null) {
    const source: PrivilegeSource = rank === 0 ? 'direct' : rank === 0.5 ? 'public' : 'inherited';
    return { held: { via, source, grantable: grantOption }, grantOption };
  }
  for (const [predefined, mask] of t.predefinedMask)
    if (mask[slot] === 1 && closure.distance.has(predefined))
      return { held: { via: predefined, source: 'predefined', grantable: grantOption }, grantOption };
  return { held: null, grantOption };
}

function slotOf(
  t: PrivilegeTable,
  kind: PrivilegeObjectKind,
  ref: ObjectRef,
  privilege: Privilege,
  column: string | null = null,
): number {
  const position = t.position(ref, column);
  const privileges = privilegesOf(kind, t.index.catalog.server.major);
  const i = privileges.indexOf(privilege);
  if (i < 0)
    throw new GatehouseError('GH211', `${privilege} is not a privilege of a ${kind}.`, {
      hint: `A ${kind} has ${privileges.join(', ')}.`,
    });
  if (position < 0) return -1;
  return t.objects[position]!.base + i;
}

function missing(what: string): never {
  throw new GatehouseError('GH211', `There is no ${what} in the model.`, {
    hint: 'Check the name (and the schema), or refresh the catalog if it was just created.',
  });
}

/** The point query every has_*_privilege below shares. */
function check(
  model: Model,
  role: string,
  kind: PrivilegeObjectKind,
  ref: ObjectRef,
  privilege: Privilege,
  options: PrivilegeQueryOptions,
  column: string | null = null,
): boolean {
  const t = privilegeTable(model);
  const rules = roleRules(t.index);
  requireRole(t.index, role);
  const slot = slotOf(t, kind, ref, privilege, column);
  if (slot < 0) return rules.isSuperuser(role);
  const h = holding(t, rules, role, slot);
  return options.grantOption ? h.grantOption : h.held !== null;
}

export function hasTablePrivilege(
  model: Model,
  role: string,
  table: QualifiedName,
  privilege: Privilege,
  options: PrivilegeQueryOptions = {},
): boolean {
  const index = privilegeTable(model).index;
  if (index.relation(table.schema, table.name) === undefined)
    missing(`relation ${table.schema}.${table.name}`);
  return check(
    model,
    role,
    'table',
    { kind: 'relation', schema: table.schema, name: table.name },
    privilege,
    options,
  );
}

/** has_column_privilege: the privilege on the whole table, or on the column itself. */
export function hasColumnPrivilege(
  model: Model,
  role: string,
  column: ColumnRef,
  privilege: Privilege,
  options: PrivilegeQueryOptions = {},
): boolean {
  const index = privilegeTable(model).index;
  if (index.column(column.schema, column.table, column.column) === undefined)
    missing(`column ${column.schema}.${column.table}.${column.column}`);
  const ref: ObjectRef = { kind: 'relation', schema: column.schema, name: column.table };
  slotOf(privilegeTable(model), 'column', ref, privilege); // refuses a privilege columns do not have
  return (
    check(model, role, 'table', ref, privilege, options) ||
    check(model, role, 'column', ref, privilege, options, column.column)
  );
}

export function hasFunctionPrivilege(
  model: Model,
  role: string,
  fn: { readonly schema: string; readonly name: string; readonly args: string },
  privilege: Privilege = 'EXECUTE',
  options: PrivilegeQueryOptions = {},
): boolean {
  const index = privilegeTable(model).index;
  if (index.functionOverload(fn.schema, fn.name, fn.args) === undefined)
    missing(`function ${fn.schema}.${fn.name}(${fn.args})`);
  return check(model, role, 'function', { kind: 'function', ...fn }, privilege, options);
}

export function hasSchemaPrivilege(
  model: Model,
  role: string,
  schema: string,
  privilege: Privilege,
  options: PrivilegeQueryOptions = {},
): boolean {
  if (privilegeTable(model).index.schema(schema) === undefined) missing(`schema ${schema}`);
  return check(model, role, 'schema', { kind: 'schema', schema: null, name: schema }, privilege, options);
}

export function hasSequencePrivilege(
  model: Model,
  role: string,
  sequence: QualifiedName,
  privilege: Privilege,
  options: PrivilegeQueryOptions = {},
): boolean {
  const index = privilegeTable(model).index;
  if (index.sequence(sequence.schema, sequence.name) === undefined)
    missing(`sequence ${sequence.schema}.${sequence.name}`);
  return check(model, role, 'sequence', { kind: 'sequence', ...sequence }, privilege, options);
}

export function hasTypePrivilege(
  model: Model,
  role: string,
  type: QualifiedName,
  privilege: Privilege = 'USAGE',
  options: PrivilegeQueryOptions = {},
): boolean {
  const index = privilegeTable(model).index;
  if (index.type(type.schema, type.name) === undefined) missing(`type ${type.schema}.${type.name}`);
  return check(model, role, 'type', { kind: 'type', ...type }, privilege, options);
}

/** has_database_privilege on the model's database. */
export function hasDatabasePrivilege(
  model: Model,
  role: string,
  privilege: Privilege,
  options: PrivilegeQueryOptions = {},
): boolean {
  const name = privilegeTable(model).index.catalog.database.name;
  return check(model, role, 'database', { kind: 'database', schema: null, name }, privilege, options);
}
