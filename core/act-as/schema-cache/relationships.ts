/**
 * PostgREST's relationships (SchemaCache.hs): M2O/O2O from foreign keys (allM2OandO2ORels), the same through
 * views (addViewM2OAndO2ORels), M2M through junctions whose PK covers both keys (addM2MRels), the inverses
 * (addInverseRels), then computed relationships overriding by (table, function name)
 * (getOverrideRelationshipsMap), and only what db-schemas exposes (removeInternal). Each origin's list is
 * sorted with the derived Ord of PostgREST's Relationship type.
 */
import type { Catalog } from '../../../shared/model/catalog.js';
import type { RelationIndex, RelInfo } from './relation-index.js';
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

const sameQn = (a: QualifiedName, b: QualifiedName): boolean => a.schema === b.schema && a.name === b.name;
const swap = (cols: readonly ColumnPair[]): ColumnPair[] => cols.map(([a, b]) => [b, a] as const);

/** M2O, or O2O when the referencing columns are exactly a primary key or unique constraint of the table. */
function foreignKeyRels(index: RelationIndex): FkRelationship[] {
  const out: FkRelationship[] = [];
  for (const info of index.all) {
    const r = info.relation;
    let keys: string[] | null = null;
    for (const c of r.constraints) {
      // A partition's copy of its parent's key, or a key's copy per referenced partition: PostgREST keeps
      // only the constraint the user declared (conparentid = 0).
      if (c.kind !== 'foreign_key' || c.foreignKey === null || c.inherited) continue;
      const target = index.get(c.foreignKey.table.schema, c.foreignKey.table.name);
      if (target === undefined) continue;
      keys ??= r.constraints
        .filter((k) => k.kind === 'primary_key' || k.kind === 'unique')
        .map((k) => (k.columns.length === 1 ? (k.columns[0] ?? '') : [...k.columns].sort().join('\0')));
      const own = c.columns.length === 1 ? (c.columns[0] ?? '') : [...c.columns].sort().join('\0');
      const refs = c.foreignKey.columns;
      const columns = c.columns.map((col, i) => [col, refs[i] ?? ''] as const);
      out.push({
        kind: 'fk',
        table: info.qn,
        foreignTable: target.qn,
        isSelf: info === target,
        cardinality: keys.includes(own)
          ? { kind: 'O2O', constraint: c.name, columns, isParent: false }
          : { kind: 'M2O', constraint: c.name, columns },
        tableIsView: false,
        foreignTableIsView: false,
      });
    }
  }
  return out;
}

function viewRels(
  rels: readonly FkRelationship[],
  keyDeps: readonly ViewKeyDependency[],
  index: RelationIndex,
): FkRelationship[] {
  // table → constraint → the views showing its referencing (fk) or referenced (fkRef) columns
  const byTable = new Map<RelInfo, Map<string, { fk: ViewKeyDependency[]; fkRef: ViewKeyDependency[] }>>();
  for (const d of keyDeps) {
    if (d.type === 'pk') continue;
    let m = byTable.get(d.table);
    if (m === undefined) byTable.set(d.table, (m = new Map()));
    let e = m.get(d.constraint);
    if (e === undefined) m.set(d.constraint, (e = { fk: [], fkRef: [] }));
    e[d.type].push(d);
  }
  const out: FkRelationship[] = [];
  if (byTable.size === 0) return out;
  const zip = <A, B>(xs: readonly A[], ys: readonly B[], f: (x: A, y: B) => ColumnPair): ColumnPair[] =>
    xs.slice(0, Math.min(xs.length, ys.length)).map((x, i) => f(x, ys[i] as B));
  for (const rel of rels) {
    const card = rel.cardinality;
    if (card.kind !== 'M2O' && !(card.kind === 'O2O' && !card.isParent)) continue;
    const t = index.of(rel.table);
    const ft = index.of(rel.foreignTable);
    const viewTable = (t && byTable.get(t)?.get(card.constraint)?.fk) ?? [];
    const tableView = (ft && byTable.get(ft)?.get(card.constraint)?.fkRef) ?? [];
    if (viewTable.length === 0 && tableView.length === 0) continue;
    const build = (columns: ColumnPair[]): Cardinality =>
      card.kind === 'M2O'
        ? { kind: 'M2O', constraint: card.constraint, columns }
        : { kind: 'O2O', constraint: card.constraint, columns, isParent: false };
    for (const vt of viewTable) {
      for (const cols of expandKeyDepColumns(vt.columns)) {
        out.push({
          kind: 'fk',
          table: vt.view.qn,
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
          foreignTable: tv.view.qn,
          isSelf: false,
          cardinality: build(zip(card.columns, cols, ([c], [, v]) => [c, v])),
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
              table: vt.view.qn,
              foreignTable: tv.view.qn,
              isSelf: vt.view === tv.view,
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

function m2mRels(
  rels: readonly FkRelationship[],
  index: RelationIndex,
  pkOf: (t: RelInfo) => readonly string[],
): FkRelationship[] {
  const byTable = new Map<RelInfo, FkRelationship[]>();
  for (const r of rels) {
    if (r.cardinality.kind !== 'M2O') continue;
    const t = index.of(r.table);
    if (t === undefined) continue;
    const l = byTable.get(t);
    if (l === undefined) byTable.set(t, [r]);
    else l.push(r);
  }
  const out: FkRelationship[] = [];
  for (const [jt, list] of byTable) {
    if (list.length < 2) continue;
    const pk = pkOf(jt);
    if (pk.length === 0) continue;
    for (const r1 of list) {
      for (const r2 of list) {
        const c1 = r1.cardinality;
        const c2 = r2.cardinality;
        if (c1.kind !== 'M2O' || c2.kind !== 'M2O' || c1.constraint === c2.constraint) continue;
        if (!c1.columns.every(([col]) => pk.includes(col)) || !c2.columns.every(([col]) => pk.includes(col)))
          continue;
        out.push({
          kind: 'fk',
          table: r1.foreignTable,
          foreignTable: r2.foreignTable,
          isSelf: sameQn(r1.foreignTable, r2.foreignTable),
          cardinality: {
            kind: 'M2M',
            junction: {
              table: jt.qn,
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
function computedRels(catalog: Catalog, index: RelationIndex): [RelInfo, ComputedRelationship][] {
  const out: [RelInfo, ComputedRelationship][] = [];
  for (const f of catalog.functions) {
    let first: number | null = null;
    let inputs = 0;
    for (const a of f.args) {
      if (a.mode !== 'in' && a.mode !== 'inout' && a.mode !== 'variadic') continue;
      if (inputs++ === 0) first = a.type.oid;
    }
    if (inputs !== 1 || first === null) continue;
    const table = index.ofRowType(first);
    const foreign = index.ofRowType(f.returns.type.oid);
    if (table === undefined || foreign === undefined) continue;
    out.push([
      table,
      {
        kind: 'computed',
        function: { schema: f.schema, name: f.name },
        table: table.qn,
        foreignTable: foreign.qn,
        toOne: !f.returns.setOf || f.rows === 1,
        isSelf: table === foreign,
      },
    ]);
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
  index: RelationIndex,
  keyDeps: readonly ViewKeyDependency[],
  pkOf: (t: RelInfo) => readonly string[],
  schemas: readonly string[],
): Map<string, Relationship[]> {
  const all = foreignKeyRels(index);
  for (const r of viewRels(all, keyDeps, index)) all.push(r);
  for (const r of m2mRels(all, index, pkOf)) all.push(r);
  for (const r of inverseRels(all)) all.push(r);

  // A computed relationship replaces the (table, foreign table) group keyed like it (table, function): a
  // function named like a relation replaces that relation's relationships; the override happens before
  // removeInternal, so even a computed relationship that is not kept replaces.
  const exposed = new Set(schemas);
  const kept = (r: Relationship) => exposed.has(r.table.schema) && r.foreignTable.schema === r.table.schema;
  const computed = new Map<RelInfo, Map<RelInfo | string, ComputedRelationship>>();
  for (const [t, r] of computedRels(catalog, index)) {
    let m = computed.get(t);
    if (m === undefined) computed.set(t, (m = new Map()));
    m.set(index.get(r.function.schema, r.function.name) ?? qualifiedKey(r.function), r);
  }

  const byOrigin = new Map<string, Relationship[]>();
  const add = (t: RelInfo, r: Relationship) => {
    const l = byOrigin.get(t.key);
    if (l === undefined) byOrigin.set(t.key, [r]);
    else l.push(r);
  };
  for (const r of all) {
    // Only exposed origins and targets (removeInternal), never through a hidden junction; and since the
    // planner looks up an origin's relationships with the request's schema, only those staying in the
    // origin's schema are reachable.
    if (!kept(r)) continue;
    if (r.cardinality.kind === 'M2M' && !exposed.has(r.cardinality.junction.table.schema)) continue;
    const t = index.of(r.table);
    if (t === undefined) continue;
    const overrides = computed.get(t);
    if (overrides !== undefined) {
      const ft = index.of(r.foreignTable);
      if (ft !== undefined && overrides.has(ft)) continue;
    }
    add(t, r);
  }
  for (const [t, m] of computed) for (const r of m.values()) if (kept(r)) add(t, r);
  for (const l of byOrigin.values()) if (l.length > 1) l.sort(compareRelationships);
  return byOrigin;
}
