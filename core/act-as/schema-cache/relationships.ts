/**
 * PostgREST's relationships (SchemaCache.hs): M2O/O2O from foreign keys (allM2OandO2ORels), the same through
 * views (addViewM2OAndO2ORels), M2M through junctions whose PK covers both keys (addM2MRels), the inverses
 * (addInverseRels), then computed relationships overriding by (table, function name)
 * (getOverrideRelationshipsMap), and only what db-schemas exposes (removeInternal). Each origin's list is
 * sorted with the derived Ord of PostgREST's Relationship type.
 */
import type { Catalog, Relation } from '../../../shared/model/catalog.js';
import {
  qualifiedKey,
  type Cardinality,
  type ColumnPair,
  type ComputedRelationship,
  type FkRelationship,
  type QualifiedName,
  type Relationship,
} from './types.js';
import { expandKeyDepColumns, type ViewKeyDependency } from './view-keys.js';

const qn = (r: { readonly schema: string; readonly name: string }): QualifiedName => ({
  schema: r.schema,
  name: r.name,
});
const sameQn = (a: QualifiedName, b: QualifiedName): boolean => a.schema === b.schema && a.name === b.name;
const swap = (cols: readonly ColumnPair[]): ColumnPair[] => cols.map(([a, b]) => [b, a] as const);

/** M2O, or O2O when the referencing columns are exactly a primary key or unique constraint of the table. */
function foreignKeyRels(catalog: Catalog): FkRelationship[] {
  const out: FkRelationship[] = [];
  for (const r of catalog.relations) {
    let keys: string[] | null = null;
    for (const c of r.constraints) {
      // A partition's copy of its parent's key, or a key's copy per referenced partition: PostgREST keeps
      // only the constraint the user declared (conparentid = 0).
      if (c.kind !== 'foreign_key' || c.foreignKey === null || c.inherited) continue;
      keys ??= r.constraints
        .filter((k) => k.kind === 'primary_key' || k.kind === 'unique')
        .map((k) => [...k.columns].sort().join('\0'));
      const columns = c.columns.map((col, i) => [col, c.foreignKey?.columns[i] ?? ''] as const);
      const oneToOne = keys.includes([...c.columns].sort().join('\0'));
      const foreignTable = qn(c.foreignKey.table);
      out.push({
        kind: 'fk',
        table: qn(r),
        foreignTable,
        isSelf: sameQn(r, foreignTable),
        cardinality: oneToOne
          ? { kind: 'O2O', constraint: c.name, columns, isParent: false }
          : { kind: 'M2O', constraint: c.name, columns },
        tableIsView: false,
        foreignTableIsView: false,
      });
    }
  }
  return out;
}

function viewRels(rels: readonly FkRelationship[], keyDeps: readonly ViewKeyDependency[]): FkRelationship[] {
  const index = new Map<string, ViewKeyDependency[]>();
  for (const d of keyDeps) {
    if (d.type === 'pk') continue;
    const k = `${qualifiedKey(d.table)}\0${d.constraint}\0${d.type}`;
    const l = index.get(k);
    if (l === undefined) index.set(k, [d]);
    else l.push(d);
  }
  const out: FkRelationship[] = [];
  for (const rel of rels) {
    const card = rel.cardinality;
    if (card.kind !== 'M2O' && !(card.kind === 'O2O' && !card.isParent)) continue;
    const build = (columns: ColumnPair[]): Cardinality =>
      card.kind === 'M2O'
        ? { kind: 'M2O', constraint: card.constraint, columns }
        : { kind: 'O2O', constraint: card.constraint, columns, isParent: false };
    const viewTable = index.get(`${qualifiedKey(rel.table)}\0${card.constraint}\0fk`) ?? [];
    const tableView = index.get(`${qualifiedKey(rel.foreignTable)}\0${card.constraint}\0fkRef`) ?? [];
    const zip = <A, B>(xs: readonly A[], ys: readonly B[], f: (x: A, y: B) => ColumnPair): ColumnPair[] =>
      xs.slice(0, Math.min(xs.length, ys.length)).map((x, i) => f(x, ys[i] as B));
    for (const vt of viewTable) {
      for (const cols of expandKeyDepColumns(vt.columns)) {
        out.push({
          kind: 'fk',
          table: vt.view,
          foreignTable: rel.foreignTable,
          isSelf: false,
          cardinality: build(zip(cols, card.columns, ([, v], [, f]) => [v, f])),
          tableIsView: true,
          foreignTableIsView: false,
        });
      }
    }
    for (const tv of tableView) {
      for (const cols of expandKeyDepColumns(tv.columns)) {
        out.push({
          kind: 'fk',
          table: rel.table,
          foreignTable: tv.view,
          isSelf: false,
          cardinality: build(zip(card.columns, cols, ([t], [, v]) => [t, v])),
          tableIsView: false,
          foreignTableIsView: true,
        });
      }
    }
    for (const vt of viewTable) {
      for (const cols1 of expandKeyDepColumns(vt.columns)) {
        for (const tv of tableView) {
          for (const cols2 of expandKeyDepColumns(tv.columns)) {
            out.push({
              kind: 'fk',
              table: vt.view,
              foreignTable: tv.view,
              isSelf: sameQn(vt.view, tv.view),
              cardinality: build(zip(cols1, cols2, ([, v1], [, v2]) => [v1, v2])),
              tableIsView: true,
              foreignTableIsView: true,
            });
          }
        }
      }
    }
  }
  return out;
}

function m2mRels(rels: readonly FkRelationship[], pkOf: (t: QualifiedName) => readonly string[]) {
  const byTable = new Map<string, FkRelationship[]>();
  for (const r of rels) {
    if (r.cardinality.kind !== 'M2O') continue;
    const k = qualifiedKey(r.table);
    const l = byTable.get(k);
    if (l === undefined) byTable.set(k, [r]);
    else l.push(r);
  }
  const out: FkRelationship[] = [];
  for (const list of byTable.values()) {
    if (list.length < 2) continue;
    const jt = list[0]?.table;
    if (jt === undefined) continue;
    const pk = new Set(pkOf(jt));
    if (pk.size === 0) continue;
    for (const r1 of list) {
      for (const r2 of list) {
        const c1 = r1.cardinality;
        const c2 = r2.cardinality;
        if (c1.kind !== 'M2O' || c2.kind !== 'M2O' || c1.constraint === c2.constraint) continue;
        if (![...c1.columns, ...c2.columns].every(([col]) => pk.has(col))) continue;
        out.push({
          kind: 'fk',
          table: r1.foreignTable,
          foreignTable: r2.foreignTable,
          isSelf: sameQn(r1.foreignTable, r2.foreignTable),
          cardinality: {
            kind: 'M2M',
            junction: {
              table: jt,
              constraint1: c1.constraint,
              constraint2: c2.constraint,
              colsSource: swap(c1.columns),
              colsTarget: swap(c2.columns),
            },
          },
          tableIsView: r1.foreignTableIsView,
          foreignTableIsView: r2.foreignTableIsView,
        });
      }
    }
  }
  return out;
}

function inverseRels(rels: readonly FkRelationship[]): FkRelationship[] {
  const out: FkRelationship[] = [];
  for (const r of rels) {
    const c = r.cardinality;
    if (c.kind !== 'M2O' && c.kind !== 'O2O') continue;
    out.push({
      kind: 'fk',
      table: r.foreignTable,
      foreignTable: r.table,
      isSelf: r.isSelf,
      cardinality:
        c.kind === 'M2O'
          ? { kind: 'O2M', constraint: c.constraint, columns: swap(c.columns) }
          : { kind: 'O2O', constraint: c.constraint, columns: swap(c.columns), isParent: !c.isParent },
      tableIsView: r.foreignTableIsView,
      foreignTableIsView: r.tableIsView,
    });
  }
  return out;
}

/** f(a row of a relation) returning rows of a relation, in any schema and of any kind (allComputedRels). */
function computedRels(catalog: Catalog): ComputedRelationship[] {
  const byRowType = new Map<number, Relation>();
  for (const r of catalog.relations) byRowType.set(r.rowTypeOid, r);
  const out: ComputedRelationship[] = [];
  for (const f of catalog.functions) {
    let first: number | null = null;
    let inputs = 0;
    for (const a of f.args) {
      if (a.mode !== 'in' && a.mode !== 'inout' && a.mode !== 'variadic') continue;
      if (inputs++ === 0) first = a.type.oid;
    }
    if (inputs !== 1 || first === null) continue;
    const table = byRowType.get(first);
    const foreign = byRowType.get(f.returns.type.oid);
    if (table === undefined || foreign === undefined) continue;
    out.push({
      kind: 'computed',
      function: qn(f),
      table: qn(table),
      foreignTable: qn(foreign),
      toOne: !f.returns.setOf || f.rows === 1,
      isSelf: sameQn(table, foreign),
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------- ordering

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cmpBool = (a: boolean, b: boolean): number => Number(a) - Number(b);
const cmpQn = (a: QualifiedName, b: QualifiedName): number =>
  cmpStr(a.schema, b.schema) || cmpStr(a.name, b.name);
function cmpPairs(a: readonly ColumnPair[], b: readonly ColumnPair[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as ColumnPair;
    const y = b[i] as ColumnPair;
    const c = cmpStr(x[0], y[0]) || cmpStr(x[1], y[1]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
const cardOrder: Record<Cardinality['kind'], number> = { O2M: 0, M2O: 1, O2O: 2, M2M: 3 };
function cmpCard(a: Cardinality, b: Cardinality): number {
  if (a.kind !== b.kind) return cardOrder[a.kind] - cardOrder[b.kind];
  if (a.kind === 'M2M' && b.kind === 'M2M') {
    const x = a.junction;
    const y = b.junction;
    return (
      cmpQn(x.table, y.table) ||
      cmpStr(x.constraint1, y.constraint1) ||
      cmpStr(x.constraint2, y.constraint2) ||
      cmpPairs(x.colsSource, y.colsSource) ||
      cmpPairs(x.colsTarget, y.colsTarget)
    );
  }
  if (a.kind === 'M2M' || b.kind === 'M2M') return 0;
  return (
    cmpStr(a.constraint, b.constraint) ||
    cmpPairs(a.columns, b.columns) ||
    (a.kind === 'O2O' && b.kind === 'O2O' ? cmpBool(a.isParent, b.isParent) : 0)
  );
}

/** The derived Ord of PostgREST's Relationship: constructor first, then the fields in declaration order. */
export function compareRelationships(a: Relationship, b: Relationship): number {
  if (a.kind !== b.kind) return a.kind === 'fk' ? -1 : 1;
  if (a.kind === 'computed' && b.kind === 'computed') {
    return (
      cmpQn(a.function, b.function) ||
      cmpQn(a.table, b.table) ||
      cmpQn(a.foreignTable, b.foreignTable) ||
      cmpBool(a.toOne, b.toOne) ||
      cmpBool(a.isSelf, b.isSelf)
    );
  }
  const x = a as FkRelationship;
  const y = b as FkRelationship;
  return (
    cmpQn(x.table, y.table) ||
    cmpQn(x.foreignTable, y.foreignTable) ||
    cmpBool(x.isSelf, y.isSelf) ||
    cmpCard(x.cardinality, y.cardinality) ||
    cmpBool(x.tableIsView, y.tableIsView) ||
    cmpBool(x.foreignTableIsView, y.foreignTableIsView)
  );
}

// ------------------------------------------------------------------------------------------- all together

export function deriveRelationships(
  catalog: Catalog,
  keyDeps: readonly ViewKeyDependency[],
  pkOf: (t: QualifiedName) => readonly string[],
  schemas: readonly string[],
): Map<string, Relationship[]> {
  const fk = foreignKeyRels(catalog);
  const withViews = [...fk, ...viewRels(fk, keyDeps)];
  const withM2M = [...withViews, ...m2mRels(withViews, pkOf)];
  const all = [...withM2M, ...inverseRels(withM2M)];

  // (table, foreign table) groups; a computed relationship replaces the group keyed (table, function).
  const groups = new Map<string, Relationship[]>();
  for (const r of all) {
    const k = `${qualifiedKey(r.table)}\0${qualifiedKey(r.foreignTable)}`;
    const l = groups.get(k);
    if (l === undefined) groups.set(k, [r]);
    else l.push(r);
  }
  for (const r of computedRels(catalog))
    groups.set(`${qualifiedKey(r.table)}\0${qualifiedKey(r.function)}`, [r]);

  // Only exposed origins and targets, never through a hidden junction; and since the planner looks up an
  // origin's relationships with the request's schema, only those staying in the origin's schema are reachable.
  const exposed = new Set(schemas);
  const byOrigin = new Map<string, Relationship[]>();
  for (const list of groups.values()) {
    for (const r of list) {
      if (!exposed.has(r.table.schema) || r.foreignTable.schema !== r.table.schema) continue;
      if (
        r.kind === 'fk' &&
        r.cardinality.kind === 'M2M' &&
        !exposed.has(r.cardinality.junction.table.schema)
      )
        continue;
      const k = qualifiedKey(r.table);
      const l = byOrigin.get(k);
      if (l === undefined) byOrigin.set(k, [r]);
      else l.push(r);
    }
  }
  for (const l of byOrigin.values()) l.sort(compareRelationships);
  return byOrigin;
}
