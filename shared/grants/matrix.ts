import type { RoleChangeInput } from '../contract/roles.js';
import { catalogIndex, type CatalogIndex } from '../model/catalog-index.js';
import type { Catalog, ObjectRef, Privilege } from '../model/catalog.js';
import {
  effectivePrivilegeOn,
  effectivePrivileges,
  type EffectivePrivilegeList,
} from '../model/effective-privileges.js';
import { postgrestView, type PostgrestRoleConfig } from '../model/postgrest-roles.js';
import { privilegesOf, type PrivilegeObjectKind } from '../model/privilege-kinds.js';
import type { EffectivePrivilege } from '../model/privileges.js';

/**
 * The grants matrix: objects × roles, each cell the privileges the role holds on the object and how (direct,
 * inherited via, PUBLIC, predefined, superuser, with grant option), from shared/model's effective privileges.
 * Rows are built once per model; cells are computed when drawn (a screenful at a time).
 */

export type RowKind = Exclude<PrivilegeObjectKind, 'database'>;

export interface MatrixRow {
  readonly key: string;
  readonly kind: RowKind;
  readonly ref: ObjectRef;
  /** The column, for a column row (ref is then its table). */
  readonly column: string | null;
  readonly schema: string;
  readonly label: string;
  /** What kind of relation or routine, for the row's icon. */
  readonly detail: string;
  readonly privileges: readonly Privilege[];
  /** Functions only: PUBLIC may EXECUTE it (PostgreSQL's default for every new function). */
  readonly publicExecute: boolean;
}

/** The matrix's column: a role, or PUBLIC. */
export interface MatrixColumn {
  readonly role: string;
  readonly public: boolean;
  /** Why it is shown whatever the filter: the PostgREST request roles and db-anon-role always are. */
  readonly pinned: 'anon' | 'request' | 'authenticator' | null;
}

export interface CellPrivilege {
  readonly privilege: Privilege;
  readonly held: EffectivePrivilege | null;
  /** A direct ACL item of this grantee (what a revoke here takes away). */
  readonly direct: boolean;
}

export interface MatrixOptions {
  readonly schemas?: readonly string[] | null;
  readonly kinds?: readonly RowKind[] | null;
  readonly search?: string;
  /** Expand the column rows of tables with column grants (always on for a table that has them). */
  readonly columns?: boolean;
}

function fnLabel(name: string, args: string): string {
  return `${name}(${args})`;
}

/** The rows of the matrix in model order: per schema, the schema itself, relations (and their columns), … */
export function matrixRows(model: Catalog | CatalogIndex, options: MatrixOptions = {}): MatrixRow[] {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const c = index.catalog;
  const major = c.server.major;
  const kinds = options.kinds ? new Set(options.kinds) : null;
  const want = (k: RowKind) => kinds === null || kinds.has(k);
  const q = options.search?.trim().toLowerCase() ?? '';
  const match = (label: string) => q === '' || label.toLowerCase().includes(q);
  const rows: MatrixRow[] = [];
  const schemas = options.schemas ? c.schemas.filter((s) => options.schemas!.includes(s.name)) : c.schemas;
  for (const s of schemas) {
    const schema = s.name;
    const contents = index.inSchema(schema);
    if (want('schema') && match(schema))
      rows.push({
        key: `s\0${schema}`,
        kind: 'schema',
        ref: { kind: 'schema', schema: null, name: schema },
        column: null,
        schema,
        label: schema,
        detail: 'schema',
        privileges: privilegesOf('schema', major),
        publicExecute: false,
      });
    for (const r of contents.relations) {
      const ref: ObjectRef = { kind: 'relation', schema, name: r.name };
      const label = `${schema}.${r.name}`;
      const colGrants = index.columnGrantsOf(schema, r.name);
      const granted = new Set(colGrants.map((g) => g.object.member));
      const cols = r.columns.filter((col) => options.columns === true || granted.has(col.name));
      const tableMatch = match(label);
      const colMatches = cols.filter((col) => tableMatch || match(`${label}.${col.name}`));
      if (want('table') && (tableMatch || colMatches.length > 0))
        rows.push({
          key: `r\0${schema}\0${r.name}`,
          kind: 'table',
          ref,
          column: null,
          schema,
          label,
          detail: r.kind,
          privileges: privilegesOf('table', major),
          publicExecute: false,
        });
      if (want('column'))
        for (const col of colMatches)
          rows.push({
            key: `c\0${schema}\0${r.name}\0${col.name}`,
            kind: 'column',
            ref,
            column: col.name,
            schema,
            label: col.name,
            detail: col.type.formatted,
            privileges: privilegesOf('column', major),
            publicExecute: false,
          });
    }
    if (want('sequence'))
      for (const q2 of contents.sequences) {
        const label = `${schema}.${q2.name}`;
        if (match(label))
          rows.push({
            key: `q\0${schema}\0${q2.name}`,
            kind: 'sequence',
            ref: { kind: 'sequence', schema, name: q2.name },
            column: null,
            schema,
            label,
            detail: 'sequence',
            privileges: privilegesOf('sequence', major),
            publicExecute: false,
          });
      }
    if (want('function'))
      for (const f of contents.functions) {
        const label = `${schema}.${fnLabel(f.name, f.identityArgs)}`;
        if (!match(label)) continue;
        const ref: ObjectRef = { kind: 'function', schema, name: f.name, args: f.identityArgs };
        rows.push({
          key: `f\0${schema}\0${f.name}\0${f.identityArgs}`,
          kind: 'function',
          ref,
          column: null,
          schema,
          label,
          detail: f.kind,
          privileges: privilegesOf('function', major),
          publicExecute: index
            .grantsOn(ref)
            .some((g) => g.grantee.kind === 'public' && g.privilege === 'EXECUTE'),
        });
      }
    if (want('type'))
      for (const t of contents.types) {
        const label = `${schema}.${t.name}`;
        if (match(label))
          rows.push({
            key: `t\0${schema}\0${t.name}`,
            kind: 'type',
            ref: { kind: 'type', schema, name: t.name },
            column: null,
            schema,
            label,
            detail: t.kind,
            privileges: privilegesOf('type', major),
            publicExecute: false,
          });
      }
  }
  return rows;
}

/**
 * The matrix columns: the PostgREST authenticator, db-anon-role and request roles first (always shown, even when
 * they hold nothing), then the other roles `include` names, then PUBLIC.
 */
export function matrixColumns(
  model: Catalog | CatalogIndex,
  config: Partial<PostgrestRoleConfig>,
  include: readonly string[] | 'all-non-system' = 'all-non-system',
): MatrixColumn[] {
  const index = 'catalog' in model ? model : catalogIndex(model);
  const view = postgrestView(index, { schemas: config.schemas ?? ['public'], ...config });
  const cols: MatrixColumn[] = [];
  const seen = new Set<string>();
  const push = (role: string, pinned: MatrixColumn['pinned']) => {
    if (seen.has(role) || index.role(role) === undefined) return;
    seen.add(role);
    cols.push({ role, public: false, pinned });
  };
  if (view.anonRole !== null) push(view.anonRole, 'anon');
  if (view.authenticator !== null && index.role(view.authenticator.name)?.superuser !== true)
    for (const r of view.requestRoles) if (!index.role(r)!.isSystem) push(r, 'request');
  const rest =
    include === 'all-non-system'
      ? index.catalog.roles.filter((r) => !r.isSystem).map((r) => r.name)
      : include;
  for (const r of rest) push(r, null);
  cols.push({ role: 'PUBLIC', public: true, pinned: null });
  return cols;
}

/** Per-role effective privilege lists and the cells drawn, computed on first use and kept for the model. */
export class MatrixCells {
  private readonly lists = new Map<string, EffectivePrivilegeList>();
  /** Cells by row key and role: scrolling back draws them again without asking the privilege rules. */
  private readonly drawn = new Map<string, readonly CellPrivilege[]>();

  constructor(readonly index: CatalogIndex) {}

  list(role: string): EffectivePrivilegeList {
    let l = this.lists.get(role);
    if (l === undefined) {
      l = effectivePrivileges(this.index, role);
      this.lists.set(role, l);
    }
    return l;
  }

  /** The privileges of one cell. PUBLIC's column shows PUBLIC's own ACL items. */
  cell(row: MatrixRow, column: MatrixColumn): readonly CellPrivilege[] {
    const key = `${row.key}\u0001${column.public ? '' : column.role}`;
    let cell = this.drawn.get(key);
    if (cell === undefined) {
      cell = this.compute(row, column);
      this.drawn.set(key, cell);
    }
    return cell;
  }

  private compute(row: MatrixRow, column: MatrixColumn): CellPrivilege[] {
    const on: ObjectRef =
      row.column !== null
        ? { kind: 'column', schema: row.ref.schema, name: row.ref.name, member: row.column }
        : row.ref;
    const acl = this.index.grantsOn(on);
    return row.privileges.map((privilege) => {
      const direct = acl.some(
        (g) =>
          g.privilege === privilege &&
          (column.public
            ? g.grantee.kind === 'public'
            : g.grantee.kind === 'role' && g.grantee.name === column.role),
      );
      if (column.public) {
        const grant = acl.find((g) => g.privilege === privilege && g.grantee.kind === 'public');
        const held: EffectivePrivilege | null =
          grant === undefined
            ? null
            : {
                object: row.ref,
                kind: row.kind,
                privilege,
                via: 'PUBLIC',
                source: 'public',
                grantable: grant.grantable,
                ...(row.column !== null ? { column: row.column } : {}),
              };
        return { privilege, held, direct };
      }
      // One privilege at a time, not the role's whole list: a screenful of cells for hundreds of roles.
      // A column row: held on the column, or on the whole table (which covers every column).
      const on = (c: string | null) => effectivePrivilegeOn(this.index, column.role, row.ref, privilege, c);
      const held = (row.column !== null ? (on(row.column) ?? on(null)) : on(null)) ?? null;
      return { privilege, held, direct };
    });
  }
}

/** A cell in a rectangular selection. */
export interface CellAddress {
  readonly row: MatrixRow;
  readonly column: MatrixColumn;
}

/**
 * The edits that grant (or revoke) `privileges` on every selected cell: one change per cell, only the privileges
 * that apply to the row's kind, and for a revoke only what the grantee holds directly (a revoke elsewhere would
 * take nothing away; the planner explains such a cell when asked singly).
 */
export function cellChanges(
  cells: MatrixCells,
  selection: readonly CellAddress[],
  privileges: readonly Privilege[],
  action: 'grant' | 'revoke',
): RoleChangeInput[] {
  const out: RoleChangeInput[] = [];
  for (const { row, column } of selection) {
    let ps = privileges.filter((p) => row.privileges.includes(p));
    if (action === 'revoke' && selection.length > 1) {
      const state = cells.cell(row, column);
      ps = ps.filter((p) => state.find((s) => s.privilege === p)?.direct === true);
    }
    if (ps.length === 0) continue;
    out.push({
      type: action,
      object: row.ref,
      privileges: ps,
      grantee: column.public ? { kind: 'public' } : { kind: 'role', name: column.role },
      ...(row.column !== null ? { column: row.column } : {}),
    });
  }
  return out;
}

/** The one-letter codes the cells draw, as psql's \dp does (r = SELECT, a = INSERT, …). */
export const PRIVILEGE_LETTER: Readonly<Record<Privilege, string>> = {
  SELECT: 'r',
  INSERT: 'a',
  UPDATE: 'w',
  DELETE: 'd',
  TRUNCATE: 'D',
  REFERENCES: 'x',
  TRIGGER: 't',
  MAINTAIN: 'm',
  EXECUTE: 'X',
  USAGE: 'U',
  CREATE: 'C',
  CONNECT: 'c',
  TEMPORARY: 'T',
};
