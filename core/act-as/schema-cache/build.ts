/**
 * Derives PostgREST's schema cache (SchemaCache.hs) from the raw catalog rows of sql/act-as/schema-cache.sql:
 * M2O/O2O from foreign keys, the same through views (view→table, table→view, view→view), M2M through junction
 * tables whose PK covers both FKs, the inverse O2M/O2O, and computed relationships from functions.
 */
import {
  qualifiedKey,
  type Cardinality,
  type Column,
  type ColumnPair,
  type FkRelationship,
  type QualifiedName,
  type Relationship,
  type Routine,
  type RoutineParam,
  type SchemaCache,
  type Table,
} from './types.js';

export interface RawColumn {
  name: string;
  num: number;
  type: string;
  nominalType: string;
  nullable: boolean;
  default: string | null;
}
export interface RawRelation {
  oid: string | number;
  schema: string;
  name: string;
  isView: boolean;
  insertable: boolean;
  updatable: boolean;
  deletable: boolean;
  pk: string[];
  columns: RawColumn[];
}
export interface RawForeignKey {
  name: string;
  tableOid: string | number;
  ftableOid: string | number;
  columns: [string, string][];
  oneToOne: boolean;
}
export interface RawViewSource {
  viewOid: string | number;
  resno: number;
  resname: string;
  srcOid: string | number;
  srcCol: number;
}
export interface RawFunction {
  oid: string | number;
  schema: string;
  name: string;
  params: RoutineParam[];
  retSchema: string;
  retName: string;
  retSetof: boolean;
  retComposite: boolean;
  retRelation: boolean;
  volatility: string;
  hasVariadic: boolean;
  rows: number;
  nargs: number;
  argRelOid: string | number | null;
}
export interface RawSchemaCache {
  relations: RawRelation[];
  foreignKeys: RawForeignKey[];
  viewSources: RawViewSource[];
  functions: RawFunction[];
}

interface RelInfo {
  raw: RawRelation;
  qn: QualifiedName;
  colByNum: Map<number, string>;
}

const cardKindOrder: Record<Cardinality['kind'], number> = { O2M: 0, M2O: 1, O2O: 2, M2M: 3 };

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpQn(a: QualifiedName, b: QualifiedName): number {
  return cmpStr(a.schema, b.schema) || cmpStr(a.name, b.name);
}

function cardKey(c: Cardinality): string {
  if (c.kind === 'M2M')
    return `${c.junction.table.schema}.${c.junction.table.name}|${c.junction.constraint1}|${c.junction.constraint2}`;
  return `${c.constraint}|${c.columns.map((p) => p.join(',')).join(';')}`;
}

/** PostgREST sorts each origin's relationships with the derived Ord of its Relationship type. */
function compareRels(a: Relationship, b: Relationship): number {
  if (a.kind !== b.kind) return a.kind === 'fk' ? -1 : 1;
  if (a.kind === 'computed' && b.kind === 'computed') {
    return cmpQn(a.function, b.function) || cmpQn(a.table, b.table) || cmpQn(a.foreignTable, b.foreignTable);
  }
  const x = a as FkRelationship;
  const y = b as FkRelationship;
  return (
    cmpQn(x.table, y.table) ||
    cmpQn(x.foreignTable, y.foreignTable) ||
    Number(x.isSelf) - Number(y.isSelf) ||
    cardKindOrder[x.cardinality.kind] - cardKindOrder[y.cardinality.kind] ||
    cmpStr(cardKey(x.cardinality), cardKey(y.cardinality))
  );
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  let acc: T[][] = [[]];
  for (const l of lists) acc = acc.flatMap((prefix) => l.map((x) => [...prefix, x]));
  return acc;
}

export function buildSchemaCache(raw: RawSchemaCache, schemas: readonly string[]): SchemaCache {
  const byOid = new Map<string, RelInfo>();
  for (const r of raw.relations) {
    byOid.set(String(r.oid), {
      raw: r,
      qn: { schema: r.schema, name: r.name },
      colByNum: new Map(r.columns.map((c) => [c.num, c.name])),
    });
  }

  // View column → its base-table column, following views over views. Several view columns may expose the same
  // base column, so the reverse index maps a base column to a list of view columns.
  const direct = new Map<string, Map<string, { oid: string; col: string }>>(); // viewOid → viewCol → source
  const sourcesSorted = [...raw.viewSources];
  for (const s of sourcesSorted) {
    const view = byOid.get(String(s.viewOid));
    const src = byOid.get(String(s.srcOid));
    if (!view || !src) continue;
    const viewCol = view.colByNum.get(s.resno);
    const srcCol = src.colByNum.get(s.srcCol);
    // node text escapes special characters in names with a backslash
    const resname = s.resname.replace(/\\(.)/g, '$1');
    if (viewCol === undefined || srcCol === undefined || viewCol !== resname) continue;
    let m = direct.get(String(s.viewOid));
    if (!m) direct.set(String(s.viewOid), (m = new Map()));
    // The top-level target list comes last in the rule text: later matches win.
    m.set(viewCol, { oid: String(s.srcOid), col: srcCol });
  }
  function resolveBase(oid: string, col: string, depth = 0): { oid: string; col: string } {
    const next = direct.get(oid)?.get(col);
    if (!next || depth > 20) return { oid, col };
    return resolveBase(next.oid, next.col, depth + 1);
  }
  // base oid → base col → [{viewOid, viewCol}]
  const exposedBy = new Map<string, Map<string, { viewOid: string; viewCol: string }[]>>();
  for (const [viewOid, cols] of direct) {
    const view = byOid.get(viewOid);
    if (!view) continue;
    for (const viewCol of view.raw.columns.map((c) => c.name)) {
      if (!cols.has(viewCol)) continue;
      const base = resolveBase(viewOid, viewCol);
      if (base.oid === viewOid) continue;
      let m = exposedBy.get(base.oid);
      if (!m) exposedBy.set(base.oid, (m = new Map()));
      let l = m.get(base.col);
      if (!l) m.set(base.col, (l = []));
      l.push({ viewOid, viewCol });
    }
  }
  /** For each view exposing all `baseCols` of table `oid`: the combinations of view columns (in order). */
  function viewsExposing(oid: string, baseCols: readonly string[]): { viewOid: string; cols: string[] }[] {
    const m = exposedBy.get(oid);
    if (!m) return [];
    const viewOids = new Set<string>();
    for (const l of m.values()) for (const e of l) viewOids.add(e.viewOid);
    const out: { viewOid: string; cols: string[] }[] = [];
    for (const v of [...viewOids].sort()) {
      const perCol = baseCols.map((bc) =>
        (m.get(bc) ?? []).filter((e) => e.viewOid === v).map((e) => e.viewCol),
      );
      for (const combo of cartesian(perCol)) out.push({ viewOid: v, cols: combo });
    }
    return out;
  }

  // Tables (views get PKs from their base table's PK columns they expose, first reference wins).
  const tables = new Map<string, Table>();
  const pkOf = new Map<string, string[]>();
  for (const [oid, info] of byOid) {
    let pk = info.raw.pk;
    if (info.raw.isView) {
      pk = [];
      const cols = direct.get(oid);
      if (cols) {
        // Per base table, the view columns that expose its PK columns (first reference wins); every base PK the view
        // covers completely adds its columns (PostgREST's addViewPrimaryKeys: a LEFT JOIN view has both tables' keys).
        const byBase = new Map<string, string[]>();
        for (const c of info.raw.columns) {
          if (!cols.has(c.name)) continue;
          const base = resolveBase(oid, c.name);
          const baseInfo = byOid.get(base.oid);
          if (!baseInfo || baseInfo.raw.isView || !baseInfo.raw.pk.includes(base.col)) continue;
          const found = byBase.get(base.oid) ?? [];
          if (!found.some((f) => resolveBase(oid, f).col === base.col)) found.push(c.name);
          byBase.set(base.oid, found);
        }
        const covered: string[] = [];
        for (const [baseOid, found] of byBase)
          if (byOid.get(baseOid)?.raw.pk.length === found.length) covered.push(...found);
        pk = covered.sort();
      }
    }
    pkOf.set(oid, pk);
    if (!schemas.includes(info.raw.schema)) continue;
    const columns: Column[] = info.raw.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nominalType: c.nominalType,
      nullable: c.nullable,
      default: c.default,
    }));
    tables.set(qualifiedKey(info.qn), {
      ...info.qn,
      isView: info.raw.isView,
      insertable: info.raw.insertable,
      updatable: info.raw.updatable,
      deletable: info.raw.deletable,
      pk,
      columns,
      columnsByName: new Map(columns.map((c) => [c.name, c])),
    });
  }

  // 1. M2O / O2O from foreign keys.
  interface OidRel {
    t: string;
    ft: string;
    card: Cardinality;
  }
  const base: OidRel[] = [];
  for (const fk of raw.foreignKeys) {
    const t = String(fk.tableOid);
    const ft = String(fk.ftableOid);
    if (!byOid.has(t) || !byOid.has(ft)) continue;
    const columns = fk.columns.map(([a, b]) => [a, b] as const);
    base.push({
      t,
      ft,
      card: fk.oneToOne
        ? { kind: 'O2O', constraint: fk.name, columns, isParent: false }
        : { kind: 'M2O', constraint: fk.name, columns },
    });
  }
  // 2. The same through views.
  const withViews: OidRel[] = [...base];
  for (const r of base) {
    if (r.card.kind !== 'M2O' && r.card.kind !== 'O2O') continue;
    const card = r.card;
    const build = (cols: ColumnPair[]): Cardinality =>
      card.kind === 'M2O'
        ? { kind: 'M2O', constraint: card.constraint, columns: cols }
        : { kind: 'O2O', constraint: card.constraint, columns: cols, isParent: false };
    const vt = viewsExposing(
      r.t,
      card.columns.map((p) => p[0]),
    );
    const tv = viewsExposing(
      r.ft,
      card.columns.map((p) => p[1]),
    );
    for (const v of vt) {
      withViews.push({
        t: v.viewOid,
        ft: r.ft,
        card: build(v.cols.map((c, i) => [c, card.columns[i]?.[1] ?? ''] as const)),
      });
    }
    for (const w of tv) {
      withViews.push({
        t: r.t,
        ft: w.viewOid,
        card: build(card.columns.map((p, i) => [p[0], w.cols[i] ?? ''] as const)),
      });
    }
    for (const v of vt) {
      for (const w of tv) {
        withViews.push({
          t: v.viewOid,
          ft: w.viewOid,
          card: build(v.cols.map((c, i) => [c, w.cols[i] ?? ''] as const)),
        });
      }
    }
  }
  // 3. M2M through junctions: two different M2O FKs whose columns are all part of the junction's PK.
  const withM2M: OidRel[] = [...withViews];
  for (const r1 of withViews) {
    if (r1.card.kind !== 'M2O') continue;
    for (const r2 of withViews) {
      if (r2.t !== r1.t || r2.card.kind !== 'M2O' || r2.card.constraint === r1.card.constraint) continue;
      const pk = new Set(pkOf.get(r1.t) ?? []);
      const jtCols = [...r1.card.columns.map((p) => p[0]), ...r2.card.columns.map((p) => p[0])];
      if (!jtCols.every((c) => pk.has(c))) continue;
      const jt = byOid.get(r1.t);
      if (!jt) continue;
      withM2M.push({
        t: r1.ft,
        ft: r2.ft,
        card: {
          kind: 'M2M',
          junction: {
            table: jt.qn,
            constraint1: r1.card.constraint,
            constraint2: r2.card.constraint,
            colsSource: r1.card.columns.map(([a, b]) => [b, a] as const),
            colsTarget: r2.card.columns.map(([a, b]) => [b, a] as const),
          },
        },
      });
    }
  }
  // 4. Inverses.
  const all: OidRel[] = [...withM2M];
  for (const r of withM2M) {
    if (r.card.kind === 'M2O') {
      all.push({
        t: r.ft,
        ft: r.t,
        card: {
          kind: 'O2M',
          constraint: r.card.constraint,
          columns: r.card.columns.map(([a, b]) => [b, a] as const),
        },
      });
    } else if (r.card.kind === 'O2O') {
      all.push({
        t: r.ft,
        ft: r.t,
        card: {
          kind: 'O2O',
          constraint: r.card.constraint,
          columns: r.card.columns.map(([a, b]) => [b, a] as const),
          isParent: !r.card.isParent,
        },
      });
    }
  }

  // 5. Computed relationships: f(row of a relation) returning a relation's row type; they override FK
  //    relationships keyed by (table, function name).
  const relsByOrigin = new Map<string, Map<string, Relationship[]>>(); // origin key → pair key → rels
  const add = (originKey: string, pairKey: string, rel: Relationship, override: boolean) => {
    let m = relsByOrigin.get(originKey);
    if (!m) relsByOrigin.set(originKey, (m = new Map()));
    if (override) m.set(pairKey, [rel]);
    else m.set(pairKey, [...(m.get(pairKey) ?? []), rel]);
  };
  for (const r of all) {
    const t = byOid.get(r.t);
    const ft = byOid.get(r.ft);
    if (!t || !ft) continue;
    if (!schemas.includes(t.qn.schema) || !schemas.includes(ft.qn.schema)) continue;
    if (r.card.kind === 'M2M' && !schemas.includes(r.card.junction.table.schema)) continue;
    if (t.qn.schema !== ft.qn.schema) continue; // PostgREST keys by (origin, foreign table schema)
    add(
      qualifiedKey(t.qn),
      `t:${qualifiedKey(ft.qn)}`,
      {
        kind: 'fk',
        table: t.qn,
        foreignTable: ft.qn,
        isSelf: r.t === r.ft,
        cardinality: r.card,
        tableIsView: t.raw.isView,
        foreignTableIsView: ft.raw.isView,
      },
      false,
    );
  }
  for (const f of raw.functions) {
    if (f.nargs !== 1 || f.argRelOid === null || !f.retRelation) continue;
    const t = byOid.get(String(f.argRelOid));
    const ft = [...byOid.values()].find((x) => x.qn.schema === f.retSchema && x.qn.name === f.retName);
    if (!t || !ft || !schemas.includes(t.qn.schema) || !schemas.includes(ft.qn.schema)) continue;
    if (t.qn.schema !== ft.qn.schema) continue;
    const fn = { schema: f.schema, name: f.name };
    add(
      qualifiedKey(t.qn),
      `t:${qualifiedKey(fn)}`,
      {
        kind: 'computed',
        function: fn,
        table: t.qn,
        foreignTable: ft.qn,
        toOne: !f.retSetof || f.rows === 1,
        isSelf: t.qn.schema === ft.qn.schema && t.qn.name === ft.qn.name,
      },
      true,
    );
  }
  const relationships = new Map<string, Relationship[]>();
  for (const [origin, m] of relsByOrigin) {
    relationships.set(origin, [...m.values()].flat().sort(compareRels));
  }

  // Functions.
  const routines = new Map<string, Routine[]>();
  for (const f of raw.functions) {
    if (!schemas.includes(f.schema)) continue;
    const unnamed = f.params.filter((p) => p.name === '');
    // PostgREST only keeps functions callable by name: all params named, or one unnamed json/jsonb/text/xml/bytea
    if (unnamed.length > 1) continue;
    if (unnamed.length === 1 && !['bytea', 'json', 'jsonb', 'text', 'xml'].includes(unnamed[0]?.type ?? ''))
      continue;
    const routine: Routine = {
      schema: f.schema,
      name: f.name,
      params: f.params,
      returns: {
        setOf: f.retSetof,
        composite: f.retComposite,
        type: { schema: f.retSchema, name: f.retName },
        isVoid: f.retSchema === 'pg_catalog' && f.retName === 'void',
      },
      volatility: f.volatility === 'i' ? 'immutable' : f.volatility === 's' ? 'stable' : 'volatile',
      hasVariadic: f.hasVariadic,
    };
    const key = qualifiedKey(routine);
    routines.set(key, [...(routines.get(key) ?? []), routine]);
  }
  for (const l of routines.values()) l.sort((a, b) => a.params.length - b.params.length);

  return { schemas, tables, relationships, routines };
}
