/**
 * The read plan tree (PostgREST Plan.hs readPlan): the select tree with filters, orders, ranges and logic
 * attached to their nodes, embeds resolved to relationships, aliases and relation selects computed.
 */
import { pgrst } from '../errors/index.js';
import type { ApiRequest, EmbedPath, NonnegRange, SelectItem } from '../request/types.js';
import {
  qualifiedKey,
  relIsToOne,
  type QualifiedName,
  type Relationship,
  type SchemaCache,
} from '../schema-cache/types.js';
import { fuzzyBest } from './fuzzy.js';
import {
  columnField,
  hasOutputRepresentation,
  resolveField,
  withOutputFormat,
  resolveFilter,
  resolveLogicTree,
  resolveOrder,
  unknownField,
} from './resolve.js';
import type {
  JoinCondition,
  PlanLogicTree,
  PlanOrderTerm,
  ReadPlan,
  ReadPlanTree,
  RelSelectField,
  SelectField,
  SpreadSelectField,
} from './types.js';

/** Mutable tree used while building; frozen into ReadPlanTree at the end. */
interface Node {
  plan: {
    -readonly [K in keyof ReadPlan]: ReadPlan[K];
  };
  children: Node[];
}

export const ALL_RANGE: NonnegRange = { lower: 0, upper: null };
export const SOURCE_CTE = 'pgrst_source';

export type ReadContext = 'read' | 'mutate' | 'call';

function defaultPlan(from: QualifiedName, relName: string, depth: number): Node['plan'] {
  return {
    select: [],
    from,
    fromAlias: null,
    where: [],
    order: [],
    range: ALL_RANGE,
    relName,
    relToParent: null,
    relTableAlias: null,
    relJoinConds: [],
    relAlias: null,
    relAggAlias: '',
    relHint: null,
    relJoinType: null,
    relSpread: null,
    depth,
    relSelect: [],
  };
}

function initTree(sc: SchemaCache, qi: QualifiedName, select: readonly SelectItem[]): Node {
  const build = (node: Node, items: readonly SelectItem[]): Node => {
    const sel: SelectField[] = [];
    for (const item of items) {
      if (item.type === 'field') {
        sel.push({
          field: withOutputFormat(sc, resolveField(sc, node.plan.from, item.field)),
          aggregate: item.aggregate,
          aggregateCast: item.aggregateCast,
          cast: item.cast,
          alias: item.alias,
        });
      } else {
        const child: Node = {
          plan: defaultPlan({ schema: qi.schema, name: item.relation }, item.relation, node.plan.depth + 1),
          children: [],
        };
        child.plan.relHint = item.hint;
        child.plan.relJoinType = item.joinType;
        if (item.type === 'relation') child.plan.relAlias = item.alias;
        else child.plan.relSpread = { type: 'to-one' };
        node.children.push(build(child, item.children));
      }
    }
    node.plan.select = sel;
    return node;
  };
  return build({ plan: defaultPlan(qi, qi.name, 0), children: [] }, select);
}

/**
 * How filters, orders and limits find an embed (PostgREST 16's url-use-legacy-target-names, Plan.hs updateNode):
 * `legacy` by its relation name or its alias (the default, and the only way before 16); otherwise by its alias
 * only (its name when it has none). `byName` collects the aliased embeds a legacy lookup found by relation name
 * (PostgREST 16 warns about them).
 */
export interface TargetNames {
  readonly legacy: boolean;
  readonly byName: Set<ReadPlan>;
}

/** Finds the node at `path` or fails with PGRST108. */
function findNode(root: Node, path: EmbedPath, names: TargetNames): Node {
  let node = root;
  for (const name of path) {
    const byEither = (c: Node) => c.plan.relName === name || c.plan.relAlias === name;
    const next = names.legacy
      ? node.children.find(byEither)
      : node.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === name);
    if (!next) {
      // Without legacy names PostgREST says which alias to use when the name would have matched.
      const legacy = names.legacy ? undefined : node.children.find(byEither);
      const alias = legacy?.plan.relAlias;
      throw pgrst.notEmbedded(name, legacy && alias && legacy.plan.relName === name ? [name, alias] : null);
    }
    if (next.plan.relName === name && next.plan.relAlias !== null && next.plan.relAlias !== name)
      names.byName.add(next.plan);
    node = next;
  }
  return node;
}

function rangePath(key: string): EmbedPath | null {
  const parts = key.split('.');
  if (parts.pop() !== 'limit') return null;
  return parts;
}

function addFilters(
  sc: SchemaCache,
  root: Node,
  req: ApiRequest,
  ctx: ReadContext,
  names: TargetNames,
  ftsToTsVector: boolean,
): void {
  const filters = ctx === 'mutate' ? req.queryParams.filtersNotRoot : req.queryParams.filters;
  for (const { path, filter } of filters) {
    const node = findNode(root, path, names);
    node.plan.where = [
      ...node.plan.where,
      { type: 'stmnt', filter: resolveFilter(sc, node.plan.from, filter, ftsToTsVector) },
    ];
  }
}

function addOrders(sc: SchemaCache, root: Node, req: ApiRequest, names: TargetNames): void {
  for (const { path, terms } of req.queryParams.order) {
    const node = findNode(root, path, names);
    node.plan.order = terms.map((t) => resolveOrder(sc, node.plan.from, t));
  }
}

function addRanges(root: Node, req: ApiRequest, ctx: ReadContext, names: TargetNames): void {
  if (ctx === 'mutate') return;
  for (const [key, range] of Object.entries(req.ranges)) {
    const path = rangePath(key);
    if (path === null) continue;
    findNode(root, path, names).plan.range = range;
  }
}

function addLogic(
  sc: SchemaCache,
  root: Node,
  req: ApiRequest,
  ctx: ReadContext,
  names: TargetNames,
  ftsToTsVector: boolean,
  rootLogicOnMutations: boolean,
): void {
  // A write's top-level and=/or= trees filter the rows it changes (mutate-plan.ts); only embeds' ones belong to
  // the representation, unless the major also filtered the representation with them (before 14.4).
  const trees =
    ctx === 'mutate' && !rootLogicOnMutations
      ? req.queryParams.logic.filter((l) => l.path.length > 0)
      : req.queryParams.logic;
  const perNode = new Map<Node, PlanLogicTree[]>();
  for (const { path, tree } of trees) {
    const node = findNode(root, path, names);
    perNode.set(node, [
      ...(perNode.get(node) ?? []),
      resolveLogicTree(sc, node.plan.from, tree, ftsToTsVector),
    ]);
  }
  for (const [node, logic] of perNode) node.plan.where = [...logic, ...node.plan.where];
}

// ---------------------------------------------------------------- relationships

function singleCol(rel: Relationship, side: 0 | 1): string | null {
  if (rel.kind !== 'fk' || rel.cardinality.kind === 'M2M') return null;
  const cols = rel.cardinality.columns;
  return cols.length === 1 ? (cols[0]?.[side] ?? null) : null;
}

function constraintOf(rel: Relationship): string | null {
  if (rel.kind !== 'fk' || rel.cardinality.kind === 'M2M') return null;
  return rel.cardinality.constraint;
}

/** PostgREST's findRel: target by table/view name, constraint or column; hint by constraint/column/junction. */
export function findRel(
  sc: SchemaCache,
  schema: string,
  origin: string,
  target: string,
  hint: string | null,
): Relationship {
  const all = sc.relationships.get(qualifiedKey({ schema, name: origin })) ?? [];
  const rels = all.filter((rel) => {
    if (rel.kind === 'computed') return target === rel.function.name;
    const card = rel.cardinality.kind;
    if (rel.isSelf) {
      if (hint === null) {
        return (
          (target === rel.foreignTable.name && card === 'O2M') ||
          (singleCol(rel, 0) === target && card === 'M2O')
        );
      }
      return target === rel.foreignTable.name && card === 'O2M' && singleCol(rel, 1) === hint;
    }
    if (hint === null) {
      return (
        target === rel.foreignTable.name ||
        (constraintOf(rel) === target && !rel.foreignTableIsView) ||
        (singleCol(rel, 0) === target && !rel.foreignTableIsView)
      );
    }
    return (
      target === rel.foreignTable.name &&
      (constraintOf(rel) === hint ||
        singleCol(rel, 0) === hint ||
        singleCol(rel, 1) === hint ||
        (rel.cardinality.kind === 'M2M' && rel.cardinality.junction.table.name === hint))
    );
  });
  if (rels.length === 1 && rels[0]) return rels[0];
  if (rels.length === 0) {
    throw pgrst.noRelBetween(origin, target, hint, schema, noRelHint(sc, schema, origin, target));
  }
  const details = rels.map(describeRel);
  const hints = rels.map((r) => {
    if (r.kind !== 'fk') return '';
    const c = r.cardinality;
    return `'${r.foreignTable.name}!${c.kind === 'M2M' ? c.junction.table.name : c.constraint}'`;
  });
  throw pgrst.ambiguousRelBetween(origin, target, details, hints);
}

function describeRel(rel: Relationship): { embedding: string; cardinality: string; relationship: string } {
  if (rel.kind !== 'fk') return { embedding: '', cardinality: '', relationship: '' };
  const els = (xs: readonly string[]) => `(${xs.join(', ')})`;
  const embedding = `${rel.table.name} with ${rel.foreignTable.name}`;
  const c = rel.cardinality;
  if (c.kind === 'M2M') {
    const j = c.junction;
    return {
      embedding,
      cardinality: 'many-to-many',
      relationship: `${j.table.name} using ${j.constraint1}${els(j.colsSource.map((p) => p[1]))} and ${j.constraint2}${els(j.colsTarget.map((p) => p[1]))}`,
    };
  }
  const name = c.kind === 'M2O' ? 'many-to-one' : c.kind === 'O2M' ? 'one-to-many' : 'one-to-one';
  return {
    embedding,
    cardinality: name,
    relationship: `${c.constraint} using ${rel.table.name}${els(c.columns.map((p) => p[0]))} and ${rel.foreignTable.name}${els(c.columns.map((p) => p[1]))}`,
  };
}

function noRelHint(sc: SchemaCache, schema: string, parent: string, child: string): string | null {
  const parentRels = sc.relationships.get(qualifiedKey({ schema, name: parent }));
  if (parentRels) {
    const children = parentRels.map((r) => r.foreignTable.name);
    if (children.includes(child)) return null;
    const s = fuzzyBest(children, child);
    return s === null ? null : `Perhaps you meant '${s}' instead of '${child}'.`;
  }
  const parents = [...sc.relationships.keys()]
    .map((k) => k.split('\u0000'))
    .filter((p) => p[0] === schema)
    .map((p) => p[1] ?? '');
  const s = fuzzyBest(parents, parent);
  return s === null ? null : `Perhaps you meant '${s}' instead of '${parent}'.`;
}

function joinConditions(
  tblAlias: string | null,
  parentAlias: string | null,
  rel: Relationship,
): JoinCondition[] {
  if (rel.kind !== 'fk') return [];
  const schema = rel.table.schema;
  const ref = (alias: string | null, table: string, column: string) => ({
    qualifier: alias === null ? { schema, name: table } : { schema: '', name: alias },
    column,
  });
  const cond = (
    prAl: string | null,
    newAl: string | null,
    tb: string,
    ftb: string,
    c: string,
    fc: string,
  ) => ({
    left: ref(newAl, ftb, fc),
    right: ref(prAl, tb, c),
  });
  const c = rel.cardinality;
  if (c.kind === 'M2M') {
    const jt = c.junction.table.name;
    return [
      ...c.junction.colsTarget.map(([col, fcol]) => cond(null, null, rel.foreignTable.name, jt, col, fcol)),
      ...c.junction.colsSource.map(([col, fcol]) =>
        cond(parentAlias, tblAlias, rel.table.name, jt, col, fcol),
      ),
    ];
  }
  return c.columns.map(([col, fcol]) =>
    cond(parentAlias, tblAlias, rel.table.name, rel.foreignTable.name, col, fcol),
  );
}

function addRels(sc: SchemaCache, schema: string, ctx: ReadContext, root: Node): void {
  if (ctx !== 'read') {
    // writes and calls read from the CTE, aliased as the table so relationships resolve
    root.plan.fromAlias = root.plan.from.name;
    root.plan.from = { schema: '', name: SOURCE_CTE };
  }
  const visit = (parent: Node) => {
    for (const child of parent.children) {
      const p = child.plan;
      const parentAlias = parent.plan.fromAlias;
      const origin = p.depth === 1 ? (parentAlias ?? parent.plan.from.name) : parent.plan.from.name;
      const rel = findRel(sc, schema, origin, p.relName, p.relHint);
      const newAlias = `${rel.foreignTable.name}_${p.depth}`;
      p.relAggAlias = `${rel.table.name}_${p.relAlias ?? p.relName}_${p.depth}`;
      p.from = rel.foreignTable;
      p.relToParent = rel;
      if (p.relSpread !== null && !relIsToOne(rel))
        p.relSpread = { type: 'to-many', extraSelect: [], order: [] };
      if (rel.kind === 'fk' && rel.cardinality.kind === 'M2M') {
        p.relJoinConds = joinConditions(null, parentAlias, rel);
      } else if (rel.kind === 'computed') {
        p.relTableAlias = parentAlias !== null ? { schema: '', name: parentAlias } : rel.table;
        p.fromAlias = newAlias;
      } else {
        p.fromAlias = newAlias;
        p.relJoinConds = joinConditions(newAlias, parentAlias, rel);
      }
      visit(child);
    }
  };
  visit(root);
}

// ---------------------------------------------------------------- post-processing

function addAliases(root: Node): void {
  const visit = (n: Node) => {
    n.plan.select = n.plan.select.map((s) => {
      if (s.alias !== null) return s;
      if (s.aggregate !== null) return n.plan.relSpread !== null ? { ...s, alias: s.aggregate } : s;
      const jp = s.field.jsonPath;
      const last = jp[jp.length - 1];
      // a field shown through a data representation keeps its name (the function call would name it)
      if (!last) return s.field.transform !== null ? { ...s, alias: s.field.name } : s;
      if (last.operand.type === 'key') return { ...s, alias: last.operand.value };
      const lastKey = [...jp].reverse().find((o) => o.operand.type === 'key');
      return { ...s, alias: lastKey ? lastKey.operand.value : s.field.name };
    });
    n.children.forEach(visit);
  };
  visit(root);
}

function addRelatedOrders(root: Node): void {
  const visit = (n: Node) => {
    n.plan.order = n.plan.order.map((o): PlanOrderTerm => {
      if (o.type !== 'relation') return o;
      const found = n.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === o.relation);
      if (!found) throw pgrst.notEmbedded(o.relation, null);
      const rel = found.plan.relToParent;
      if (rel && relIsToOne(rel)) return { ...o, relation: found.plan.relAggAlias };
      throw pgrst.relatedOrderNotToOne(n.plan.from.name, found.plan.relAlias ?? found.plan.relName);
    });
    n.children.forEach(visit);
  };
  visit(root);
}

function addNullEmbedFilters(root: Node): void {
  const visit = (n: Node) => {
    const fix = (t: PlanLogicTree): PlanLogicTree => {
      if (t.type === 'expr') return { ...t, children: t.children.map(fix) };
      const f = t.filter;
      if (f.type !== 'filter' || f.field.jsonPath.length > 0) return t;
      const found = n.children.find((c) => (c.plan.relAlias ?? c.plan.relName) === f.field.name);
      if (found && f.operation.type === 'is' && f.operation.value === 'null') {
        return {
          type: 'stmnt',
          filter: { type: 'null-embed', negated: f.negated, aggAlias: found.plan.relAggAlias },
        };
      }
      return t;
    };
    n.plan.where = n.plan.where.map(fix);
    n.children.forEach(visit);
  };
  visit(root);
}

function addRelSelects(n: Node): void {
  if (n.children.length === 0) return;
  n.children.forEach(addRelSelects);
  const out: RelSelectField[] = [];
  for (const c of n.children) {
    const p = c.plan;
    const rel = p.relToParent;
    if (!rel) continue;
    if (p.relSpread !== null) {
      out.push({ type: 'spread', spreadSel: spreadSelectFields(p), aggAlias: p.relAggAlias });
    } else {
      const onlyNull = (x: Node, acc: boolean): boolean =>
        x.children.reduce((a, ch) => a && onlyNull(ch, ch.plan.select.length === 0), acc);
      out.push({
        type: 'json-embed',
        selName: p.relAlias ?? p.relName,
        aggAlias: p.relAggAlias,
        mode: relIsToOne(rel) ? 'object' : 'array',
        emptyEmbed: onlyNull(c, p.select.length === 0),
      });
    }
  }
  n.plan.relSelect = out;
}

function spreadSelectFields(p: Node['plan']): SpreadSelectField[] {
  const fromSelect = p.select.map((s) => ({
    selName: s.alias ?? s.field.name,
    aggregate: null,
    aggregateCast: null,
    alias: null,
  }));
  const fromRel = p.relSelect.flatMap((r): SpreadSelectField[] =>
    r.type === 'json-embed'
      ? [{ selName: r.selName, aggregate: null, aggregateCast: null, alias: null }]
      : [...r.spreadSel],
  );
  return [...fromSelect, ...fromRel];
}

function validateAggregates(root: Node, allowed: boolean): void {
  if (allowed) return;
  const visit = (n: Node) => {
    if (n.plan.select.some((s) => s.aggregate !== null)) throw pgrst.aggregatesNotAllowed();
    n.children.forEach(visit);
  };
  visit(root);
}

/** To-many spreads aggregate their columns into arrays: their ORDER moves into the aggregate. */
function addToManyOrderSelects(n: Node): void {
  const spread = n.plan.relSpread;
  if (spread !== null && spread.type === 'to-many') {
    if (n.plan.select.some((s) => s.aggregate !== null)) {
      throw pgrst.notImplemented('Aggregates are not implemented for one-to-many or many-to-many spreads.');
    }
    const extra: [string | null, SelectField][] = [];
    const order: PlanOrderTerm[] = [];
    n.plan.order.forEach((o, i) => {
      const name = o.type === 'field' ? o.field.name : o.fieldName;
      const alias = `${n.plan.relAggAlias}_${name}_${i + 1}`;
      const field = o.type === 'field' ? o.field : unknownField(o.fieldName, o.jsonPath);
      extra.push([
        o.type === 'field' ? null : o.relation,
        { field, aggregate: null, aggregateCast: null, cast: null, alias },
      ]);
      order.push({ type: 'field', field: unknownField(alias), direction: o.direction, nulls: o.nulls });
    });
    n.plan.order = [];
    n.plan.relSpread = { type: 'to-many', extraSelect: extra, order };
  }
  n.children.forEach(addToManyOrderSelects);
}

/** `*` becomes explicit columns where an aggregate needs them for GROUP BY (PostgREST expandStars). */
function expandStars(sc: SchemaCache, schema: string, root: Node): void {
  const visit = (n: Node, parentHasAgg: boolean) => {
    const p = n.plan;
    const hasAgg =
      parentHasAgg || p.select.some((x) => x.aggregate !== null) || p.relSpread?.type === 'to-many';
    const qi =
      p.from.schema === '' && p.from.name === SOURCE_CTE && p.fromAlias !== null
        ? { schema, name: p.fromAlias }
        : p.from;
    const columns = sc.tables.get(qualifiedKey(qi))?.columns ?? [];
    const isStar = (x: SelectField) => x.field.name === '*' && x.field.jsonPath.length === 0;
    // …and where a column has a data representation, so its output function applies.
    const hasRep = columns.some((c) => hasOutputRepresentation(sc, c));
    if ((hasAgg || hasRep) && p.select.some((x) => isStar(x) && x.aggregate === null)) {
      p.select = p.select.flatMap((x): SelectField[] =>
        isStar(x) && x.aggregate === null
          ? columns.map((c) => ({ ...x, field: withOutputFormat(sc, columnField(c)) }))
          : [x],
      );
    }
    p.select = p.select.map((x) =>
      isStar(x) && x.aggregate === 'count' && p.relSpread !== null
        ? { ...x, field: { ...x.field, fullRow: true } }
        : x,
    );
    n.children.forEach((c) => visit(c, hasAgg));
  };
  visit(root, false);
}

type HoistedAgg = {
  readonly key: readonly [string, string];
  readonly aggregate: NonNullable<SelectField['aggregate']>;
  readonly aggregateCast: string | null;
  readonly alias: string | null;
};

/** Aggregates inside to-one spreads apply at the level the spread lands in (PostgREST hoistSpreadAggFunctions). */
function hoistSpreadAggregates(n: Node): HoistedAgg[] {
  const childAggs = n.children.flatMap(hoistSpreadAggregates);
  const p = n.plan;
  const toOneSpread = p.relSpread?.type === 'to-one';
  let own: HoistedAgg[] = [];
  if (p.depth !== 0 && !(p.relToParent !== null && !toOneSpread)) {
    p.select = p.select.map((x) => {
      if (x.aggregate === null) return x;
      own.push({
        key: [p.relAggAlias, x.alias ?? x.field.name],
        aggregate: x.aggregate,
        aggregateCast: x.aggregateCast,
        alias: x.alias,
      });
      return { ...x, aggregate: null, aggregateCast: null };
    });
  }
  if (toOneSpread) {
    own = [...own, ...childAggs.map((h) => ({ ...h, key: [p.relAggAlias, h.key[1]] as const }))];
  } else if (n.children.length > 0) {
    p.relSelect = p.relSelect.map((r) =>
      r.type !== 'spread'
        ? r
        : {
            ...r,
            spreadSel: r.spreadSel.map((s) => {
              const h = childAggs.find((a) => a.key[0] === r.aggAlias && a.key[1] === s.selName);
              return h ? { ...s, aggregate: h.aggregate, aggregateCast: h.aggregateCast, alias: h.alias } : s;
            }),
          },
    );
  }
  return own;
}

function restrictRanges(root: Node, maxRows: number | null, ctx: ReadContext): void {
  if (ctx === 'mutate' || maxRows === null) return;
  const visit = (n: Node) => {
    const r = n.plan.range;
    const limitZero = r.upper === -1 && r.lower === 0;
    if (!limitZero) {
      const cap = r.lower + maxRows - 1;
      n.plan.range = { lower: r.lower, upper: r.upper === null ? cap : Math.min(r.upper, cap) };
    }
    n.children.forEach(visit);
  };
  visit(root);
}

function freeze(n: Node): ReadPlanTree {
  return { node: { ...n.plan }, children: n.children.map(freeze) };
}

export interface ReadPlanOptions {
  readonly maxRows: number | null;
  readonly aggregatesEnabled: boolean;
  /** url-use-legacy-target-names as the major reads it (default true). */
  readonly legacyTargetNames?: boolean;
  /** Full-text filters wrap non-tsvector columns in to_tsvector() (PostgREST 13 on; default true). */
  readonly ftsToTsVector?: boolean;
  /**
   * A write's top-level and=/or= trees also filter its returned representation, evaluated on the rows as written
   * (PostgREST before 14.4; default false).
   */
  readonly rootLogicOnMutations?: boolean;
  /** db-aggregates-enabled=false also refuses aggregates inside a spread (13 on; default true). */
  readonly spreadAggregatesChecked?: boolean;
  /** `order=` orders a write's representation (13 on; default true). */
  readonly mutationOrders?: boolean;
}

/** Builds the read plan tree for `qi` (a table, view, or a function's result relation). */
export function buildReadPlan(
  sc: SchemaCache,
  qi: QualifiedName,
  req: ApiRequest,
  ctx: ReadContext,
  opts: ReadPlanOptions,
): ReadPlanTree {
  const root = initTree(sc, qi, req.queryParams.select);
  const names: TargetNames = { legacy: opts.legacyTargetNames ?? true, byName: new Set() };
  const fts = opts.ftsToTsVector ?? true;
  addFilters(sc, root, req, ctx, names, fts);
  // PostgREST 12 ordered no write's representation (Plan.hs addOrders skipped ActRelationMut).
  if (ctx !== 'mutate' || (opts.mutationOrders ?? true)) addOrders(sc, root, req, names);
  addRanges(root, req, ctx, names);
  addLogic(sc, root, req, ctx, names, fts, opts.rootLogicOnMutations ?? false);
  addRels(sc, qi.schema, ctx, root);
  expandStars(sc, qi.schema, root);
  addAliases(root);
  addRelatedOrders(root);
  addNullEmbedFilters(root);
  addRelSelects(root);
  // From 13 aggregates are checked before a spread's are hoisted into its parent; 12 checked after, so those in a
  // spread passed with db-aggregates-enabled off.
  const spreadsChecked = opts.spreadAggregatesChecked ?? true;
  if (spreadsChecked) validateAggregates(root, opts.aggregatesEnabled);
  hoistSpreadAggregates(root);
  if (!spreadsChecked) validateAggregates(root, opts.aggregatesEnabled);
  addToManyOrderSelects(root);
  restrictRanges(root, opts.maxRows, ctx);
  // The embeds found by relation name, as PostgREST lists them (the tree in preorder): [relation, alias].
  const legacyTargets: [string, string][] = [];
  const visit = (n: Node): void => {
    if (names.byName.has(n.plan)) legacyTargets.push([n.plan.relName, n.plan.relAlias ?? '']);
    n.children.forEach(visit);
  };
  visit(root);
  return { ...freeze(root), ...(legacyTargets.length > 0 ? { legacyTargets } : {}) };
}

/** `select=*` without embeds (custom media handlers only apply then). */
export function hasDefaultSelect(tree: ReadPlanTree): boolean {
  const s = tree.node.select;
  return tree.children.length === 0 && s.length === 1 && s[0]?.field.name === '*';
}

/** Filter column names used anywhere in the tree (RPC: they must be in the function's output). */
export function filterFieldNames(tree: ReadPlanTree): string[] {
  const names = new Set<string>();
  const fromTree = (t: PlanLogicTree) => {
    if (t.type === 'expr') t.children.forEach(fromTree);
    else names.add(t.filter.type === 'filter' ? t.filter.field.name : t.filter.aggAlias);
  };
  const visit = (n: ReadPlanTree) => {
    n.node.where.forEach(fromTree);
    n.children.forEach(visit);
  };
  visit(tree);
  return [...names].sort();
}

/** Columns the mutation/call must return so the select and its embeds work (PostgREST inferColsEmbedNeeds). */
export function inferColsEmbedNeeds(tree: ReadPlanTree, pkCols: readonly string[]): string[] {
  const fldNames = new Set(tree.node.select.map((s) => s.field.name));
  if (fldNames.has('*')) return ['*'];
  const fkCols = new Set<string>();
  let computed = false;
  for (const c of tree.children) {
    const rel = c.node.relToParent;
    if (!rel) continue;
    if (rel.kind === 'computed') {
      computed = true;
      continue;
    }
    const card = rel.cardinality;
    if (card.kind === 'M2M') card.junction.colsSource.forEach((p) => fkCols.add(p[0]));
    else card.columns.forEach((p) => fkCols.add(p[0]));
  }
  if (computed) return ['*'];
  return [...new Set([...fldNames, ...fkCols, ...pkCols])].sort();
}
