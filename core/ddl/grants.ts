import { GatehouseError } from '../../shared/errors.js';
import type { ObjectRef, Principal, Privilege } from '../../shared/model/catalog.js';
import { principal, qualifiedRef, routineSignature, schemaOf } from './names.js';
import { quoteIdent } from './quote.js';
import { statement, type Statement } from './statement.js';

/** Which privileges PostgreSQL accepts on each kind of object (GRANT's synopsis). MAINTAIN needs 17+. */
export const PRIVILEGES_BY_KIND: Readonly<Record<GrantableKind, readonly Privilege[]>> = {
  relation: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  function: ['EXECUTE'],
  schema: ['USAGE', 'CREATE'],
  database: ['CREATE', 'CONNECT', 'TEMPORARY'],
  type: ['USAGE'],
  language: ['USAGE'],
};

export type GrantableKind =
  'relation' | 'column' | 'sequence' | 'function' | 'schema' | 'database' | 'type' | 'language';

export interface GrantSpec {
  /** The object; a `column` reference grants on that one column (or use `columns` with a relation). */
  readonly object: ObjectRef;
  /** Privileges, or 'ALL' for ALL PRIVILEGES. */
  readonly privileges: readonly Privilege[] | 'ALL';
  /** Column-level: the columns of the relation the privileges apply to. */
  readonly columns?: readonly string[];
  readonly grantees: readonly Principal[];
  /** GRANT … WITH GRANT OPTION. */
  readonly withGrantOption?: boolean;
  /** GRANTED BY role (PostgreSQL 14+). */
  readonly grantedBy?: string;
}

export interface RevokeSpec {
  readonly object: ObjectRef;
  readonly privileges: readonly Privilege[] | 'ALL';
  readonly columns?: readonly string[];
  readonly grantees: readonly Principal[];
  /** REVOKE GRANT OPTION FOR …: takes away only the right to grant onward. */
  readonly grantOptionFor?: boolean;
  /** CASCADE: also revoke what the grantees granted onward (else PostgreSQL refuses when there is any). */
  readonly cascade?: boolean;
  readonly grantedBy?: string;
}

/** `TABLE s.t`, `SEQUENCE s.q`, `ROUTINE s.f(args)`, `SCHEMA s`, `DATABASE d`, `TYPE s.t`, `LANGUAGE l`. */
export function grantTarget(object: ObjectRef): string {
  switch (object.kind) {
    case 'relation':
    case 'column':
      return `TABLE ${qualifiedRef(object)}`;
    case 'sequence':
      return `SEQUENCE ${qualifiedRef(object)}`;
    case 'function':
      // ROUTINE covers functions, procedures and aggregates alike (a reference does not say which).
      return `ROUTINE ${routineSignature(schemaOf(object), object.name, object.args ?? '')}`;
    case 'schema':
      return `SCHEMA ${quoteIdent(object.name)}`;
    case 'database':
      return `DATABASE ${quoteIdent(object.name)}`;
    case 'type':
      return `TYPE ${qualifiedRef(object)}`;
    case 'language':
      return `LANGUAGE ${quoteIdent(object.name)}`;
    default:
      throw new GatehouseError('GH222', `Privileges cannot be granted on a ${object.kind}.`, {
        hint: 'Grant on a relation, column, sequence, function, schema, database, type or language.',
      });
  }
}

function columnsOf(object: ObjectRef, columns: readonly string[] | undefined): readonly string[] {
  if (object.kind === 'column') {
    if (object.member === undefined)
      throw new GatehouseError('GH222', 'A column reference needs the column name in `member`.', {
        details: JSON.stringify(object),
      });
    return [object.member, ...(columns ?? [])];
  }
  if (columns !== undefined && columns.length > 0 && object.kind !== 'relation')
    throw new GatehouseError('GH222', `Column privileges apply to relations, not to a ${object.kind}.`);
  return columns ?? [];
}

/** The privilege list, checked against the object kind: `SELECT (a, b), UPDATE (a, b)` or `ALL PRIVILEGES`. */
function privilegeList(
  object: ObjectRef,
  privileges: readonly Privilege[] | 'ALL',
  columns: readonly string[],
): string {
  const kind: GrantableKind = columns.length > 0 ? 'column' : (object.kind as GrantableKind);
  const cols = columns.length > 0 ? ` (${columns.map(quoteIdent).join(', ')})` : '';
  if (privileges === 'ALL') return `ALL PRIVILEGES${cols}`;
  if (privileges.length === 0)
    throw new GatehouseError('GH222', 'A GRANT or REVOKE needs at least one privilege.', {
      hint: "Name the privileges, or use 'ALL'.",
    });
  const allowed = PRIVILEGES_BY_KIND[kind];
  for (const p of privileges)
    if (!allowed.includes(p))
      throw new GatehouseError('GH222', `${p} does not apply to a ${kind}.`, {
        details: `${kind} privileges are ${allowed.join(', ')}.`,
        hint: `Choose among ${allowed.join(', ')}.`,
      });
  return privileges.map((p) => `${p}${cols}`).join(', ');
}

function granteeList(grantees: readonly Principal[]): string {
  if (grantees.length === 0)
    throw new GatehouseError('GH222', 'A GRANT or REVOKE needs at least one grantee.', {
      hint: 'Name a role, or PUBLIC.',
    });
  return grantees.map(principal).join(', ');
}

const grantedBy = (role: string | undefined) => (role !== undefined ? ` GRANTED BY ${quoteIdent(role)}` : '');

/** GRANT privileges [(columns)] ON object TO grantees [WITH GRANT OPTION] [GRANTED BY role]. */
export function grantPrivileges(spec: GrantSpec): Statement {
  const columns = columnsOf(spec.object, spec.columns);
  const sql =
    `GRANT ${privilegeList(spec.object, spec.privileges, columns)} ON ${grantTarget(spec.object)}` +
    ` TO ${granteeList(spec.grantees)}${spec.withGrantOption === true ? ' WITH GRANT OPTION' : ''}` +
    grantedBy(spec.grantedBy);
  return statement('grant', spec.object, sql);
}

/** REVOKE [GRANT OPTION FOR] privileges [(columns)] ON object FROM grantees [GRANTED BY role] [CASCADE]. */
export function revokePrivileges(spec: RevokeSpec): Statement {
  const columns = columnsOf(spec.object, spec.columns);
  const sql =
    `REVOKE ${spec.grantOptionFor === true ? 'GRANT OPTION FOR ' : ''}` +
    `${privilegeList(spec.object, spec.privileges, columns)} ON ${grantTarget(spec.object)}` +
    ` FROM ${granteeList(spec.grantees)}${grantedBy(spec.grantedBy)}${spec.cascade === true ? ' CASCADE' : ''}`;
  return statement('revoke', spec.object, sql);
}
