/** Read plan → SELECT with LEFT JOIN LATERAL embeds (PostgREST Query/QueryBuilder.hs, SqlFragment.hs). */
import type { AggregateFunction, JsonPath, NonnegRange } from '../request/types.js';
import type { QualifiedName, Relationship } from '../schema-cache/types.js';
import type {
  CoercibleField,
  JoinCondition,
  PlanFilter,
  PlanLogicTree,
  PlanOrderTerm,
  ReadPlan,
  ReadPlanTree,
  RelSelectField,
  SelectField,
  SpreadSelectField,
} from '../plan/types.js';
import { arrayLiteral, castType, column, ident, qident, type Params } from './sql.js';

const SIMPLE_OPS = {
  neq: '<>',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;

const QUANT_OPS = {
  eq: '=',
  gte: '>=',
  gt: '>',
  lte: '<=',
  lt: '<',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
} as const;

const FTS_OPS = {
  fts: '@@ to_tsquery',
  plfts: '@@ plainto_tsquery',
  phfts: '@@ phraseto_tsquery',
  wfts: '@@ websearch_to_tsquery',
} as const;

const alias = (name: string): QualifiedName => ({ schema: '', name });

export function jsonPath(p: Params, path: JsonPath): string {
  return path
    .map(
      (op) =>
        `${op.arrow}${op.operand.type === 'key' ? p.add(op.operand.value) : `${p.add(op.operand.value)}::int`}`,
    )
    .join('');
}

function ftsLang(p: Params, language: string | null): string {
  return language === null ? '' : `${p.add(language)}, `;
}

export function field(p: Params, table: QualifiedName, f: CoercibleField): string {
  let fld: string;
  if (f.fullRow) fld = ident(table.name);
  else if (f.jsonPath.length === 0) fld = column(table, f.name);
  else if (f.toJson) fld = `to_jsonb(${column(table, f.name)})${jsonPath(p, f.jsonPath)}`;
  else fld = `${column(table, f.name)}${jsonPath(p, f.jsonPath)}`;
  return f.toTsVector ? `to_tsvector(${ftsLang(p, f.toTsVector.language)}${fld})` : fld;
}

function applyCast(cast: string | null, sql: string): string {
  return cast === null ? sql : `CAST( ${sql} AS ${castType(cast)} )`;
}

function applyAggregate(agg: AggregateFunction | null, aggCast: string | null, sql: string): string {
  return agg === null ? sql : applyCast(aggCast, `${agg.toUpperCase()}(${sql})`);
}

const as = (a: string | null) => (a === null ? '' : ` AS ${ident(a)}`);

/** A field with its data representation's output function applied (SqlFragment.hs pgFmtTableCoerce). */
function coerced(p: Params, table: QualifiedName, f: CoercibleField): string {
  const sql = field(p, table, f);
  return f.transform === null ? sql : `${f.transform}(${sql})`;
}

/** A query-string value as the field's input (its text representation's parser, if any). */
function valueFor(f: CoercibleField, ph: string): string {
  return f.transform === null ? ph : `${f.transform}(${ph})`;
}

function selectItem(p: Params, table: QualifiedName, s: SelectField): string {
  return (
    applyAggregate(s.aggregate, s.aggregateCast, applyCast(s.cast, coerced(p, table, s.field))) + as(s.alias)
  );
}

function fullSelName(aggAlias: string, name: string): string {
  return name === '*' ? `${ident(aggAlias)}.*` : `${ident(aggAlias)}.${ident(name)}`;
}

function spreadSelectItem(aggAlias: string, s: SpreadSelectField): string {
  return applyAggregate(s.aggregate, s.aggregateCast, fullSelName(aggAlias, s.selName)) + as(s.alias);
}

export function filterSql(p: Params, table: QualifiedName, f: PlanFilter): string {
  if (f.type === 'null-embed') return `${ident(f.aggAlias)} IS ${f.negated ? '' : 'NOT '}DISTINCT FROM NULL`;
  const not = f.negated ? 'NOT' : '';
  const fld = field(p, table, f.field);
  const o = f.operation;
  let rest: string;
  switch (o.type) {
    case 'simple':
      rest = ` ${SIMPLE_OPS[o.op]} ${valueFor(f.field, p.add(o.value))}`;
      break;
    case 'quant': {
      const like = o.op === 'like' || o.op === 'ilike';
      const v = like ? o.value.replace(/\*/g, '%') : o.value;
      const ph = like ? p.add(v) : valueFor(f.field, p.add(v));
      const q = o.quantifier === 'any' ? `ANY(${ph})` : o.quantifier === 'all' ? `ALL(${ph})` : ph;
      rest = ` ${QUANT_OPS[o.op]} ${q}`;
      break;
    }
    case 'is': {
      const k = {
        null: 'NULL',
        not_null: 'NOT NULL',
        true: 'TRUE',
        false: 'FALSE',
        unknown: 'UNKNOWN',
      } as const;
      rest = ` IS ${k[o.value]}`;
      break;
    }
    case 'isdistinct':
      rest = ` IS DISTINCT FROM ${p.add(o.value)}`;
      break;
    case 'in':
      rest =
        o.values.length === 1 && o.values[0] === ''
          ? " = ANY('{}') "
          : f.field.transform === null
            ? ` = ANY (${p.add(arrayLiteral(o.values))}) `
            : ` = ANY ((SELECT ${f.field.transform}(unnest(${p.add(arrayLiteral(o.values))}::text[])))) `;
      break;
    case 'fts':
      rest = ` ${FTS_OPS[o.op]}(${ftsLang(p, o.language)}${p.add(o.value)}) `;
      break;
  }
  return `${not} ${fld}${rest}`;
}

export function logicTree(p: Params, table: QualifiedName, t: PlanLogicTree): string {
  if (t.type === 'stmnt') return filterSql(p, table, t.filter);
  const op = t.operator === 'and' ? ' AND ' : ' OR ';
  return `${t.negated ? 'NOT' : ''} (${t.children.map((c) => logicTree(p, table, c)).join(op)})`;
}

function joinCondition(j: JoinCondition): string {
  return `${column(j.left.qualifier, j.left.column)} = ${column(j.right.qualifier, j.right.column)}`;
}

function orderTerm(p: Params, table: QualifiedName, o: PlanOrderTerm): string {
  const fld =
    o.type === 'field'
      ? field(p, table, o.field)
      : field(p, alias(o.relation), {
          name: o.fieldName,
          jsonPath: o.jsonPath,
          toJson: false,
          toTsVector: null,
          irType: '',
          baseType: '',
          nominalType: '',
          transform: null,
          default: null,
          fullRow: false,
        });
  const dir = o.direction === null ? [] : [o.direction === 'asc' ? 'ASC' : 'DESC'];
  const nulls = o.nulls === null ? [] : [o.nulls === 'nullsfirst' ? 'NULLS FIRST' : 'NULLS LAST'];
  return [fld, ...dir, ...nulls].join(' ');
}

export function orderBy(p: Params, table: QualifiedName, terms: readonly PlanOrderTerm[]): string {
  return terms.length === 0 ? '' : `ORDER BY ${terms.map((o) => orderTerm(p, table, o)).join(', ')}`;
}

export function limitOffset(p: Params, r: NonnegRange): string {
  if (r.lower === 0 && r.upper === null) return '';
  const limit = r.upper === null ? 'ALL' : p.add(String(r.upper - r.lower + 1));
  return `LIMIT ${limit} OFFSET ${p.add(String(r.lower))}`;
}

/** The identifier columns of a node are qualified with: its alias, else its table. */
export function nodeQi(n: ReadPlan): QualifiedName {
  if (n.relToParent?.kind === 'computed') return alias(n.fromAlias ?? n.relToParent.function.name);
  return n.fromAlias === null ? n.from : alias(n.fromAlias);
}

function fromClause(rel: Relationship | null, n: ReadPlan): string {
  let src: string;
  if (rel?.kind === 'computed') {
    const t = n.relTableAlias ?? rel.table;
    src = `${qident(rel.function)}(${ident(t.name)}::${qident(rel.table)})`;
  } else src = qident(n.from);
  const junction =
    rel?.kind === 'fk' && rel.cardinality.kind === 'M2M' ? `, ${qident(rel.cardinality.junction.table)}` : '';
  return ` FROM ${src}${n.fromAlias === null ? '' : ` AS ${ident(n.fromAlias)}`}${junction}`;
}

function groupBy(p: Params, table: QualifiedName, n: ReadPlan): string {
  const selAgg = n.select.some((s) => s.aggregate !== null);
  const relAgg = n.relSelect.some(
    (r) => r.type === 'spread' && r.spreadSel.some((s) => s.aggregate !== null),
  );
  if (!selAgg && !relAgg) return '';
  const terms: string[] = [];
  for (const s of n.select) {
    if (s.aggregate !== null) continue;
    terms.push(s.alias !== null ? ident(s.alias) : field(p, table, s.field));
  }
  for (const r of n.relSelect) {
    if (r.type === 'json-embed') terms.push(ident(r.selName));
    else {
      const t = r.spreadSel
        .filter((s) => s.aggregate === null)
        .map((s) => `${ident(r.aggAlias)}.${ident(s.alias ?? s.selName)}`);
      if (t.length) terms.push(t.join(', '));
    }
  }
  return terms.length ? ` GROUP BY ${terms.join(', ')}` : '';
}

function relSelectSql(r: RelSelectField): string[] {
  const agg = ident(r.aggAlias);
  if (r.type === 'spread') return r.spreadSel.map((s) => spreadSelectItem(r.aggAlias, s));
  if (r.emptyEmbed) return [];
  if (r.mode === 'object') return [`row_to_json(${agg}.*)::jsonb AS ${ident(r.selName)}`];
  return [`COALESCE( ${agg}.${agg}, '[]') AS ${ident(r.selName)}`];
}

function joinSql(p: Params, fld: RelSelectField, child: ReadPlanTree): string {
  const n = child.node;
  const inner = n.relJoinType === 'inner';
  const agg = ident(fld.aggAlias);
  const lateral = (sub: string, cond: string) =>
    ` ${inner ? 'INNER' : 'LEFT'} JOIN LATERAL ( ${sub} ) AS ${agg} ON ${cond}`;
  const cond = inner ? `${agg} IS NOT NULL` : 'TRUE';
  const subquery = readQuery(p, child);
  const selAgg = `SELECT json_agg(${agg})::jsonb AS ${agg}`;
  const fromAgg = ` FROM (${subquery} ) AS ${agg}`;
  if (fld.type === 'json-embed') {
    return fld.mode === 'object' ? lateral(subquery, 'TRUE') : lateral(selAgg + fromAgg, cond);
  }
  const spread = n.relSpread;
  if (spread?.type === 'to-many') {
    const items = fld.spreadSel.map((s) => {
      const order = orderBy(p, alias(fld.aggAlias), spread.order);
      return `COALESCE(json_agg(${fullSelName(fld.aggAlias, s.selName)} ${order}),'[]')::jsonb AS ${ident(s.alias ?? s.selName)}`;
    });
    return lateral(`${selAgg}${items.length ? ', ' : ''}${items.join(', ')}${fromAgg}`, cond);
  }
  return lateral(subquery, 'TRUE');
}

/** One node (and its embeds) as a SELECT. */
export function readQuery(p: Params, tree: ReadPlanTree): string {
  const n = tree.node;
  const qi = nodeQi(n);
  const defSelect: SelectField[] = [
    {
      field: {
        name: '*',
        jsonPath: [],
        toJson: false,
        toTsVector: null,
        irType: '',
        baseType: '',
        nominalType: '',
        transform: null,
        default: null,
        fullRow: false,
      },
      aggregate: null,
      aggregateCast: null,
      cast: null,
      alias: null,
    },
  ];
  const sels = (n.select.length === 0 && tree.children.length === 0 ? defSelect : n.select).map((s) =>
    selectItem(p, qi, s),
  );
  const spreadExtra =
    n.relSpread?.type === 'to-many'
      ? n.relSpread.extraSelect.map(([rel, s]) => selectItem(p, rel === null ? qi : alias(rel), s))
      : [];
  const relSels = n.relSelect.flatMap(relSelectSql);
  const joins = n.relSelect.map((fld) => {
    const child = tree.children.find((c) => c.node.relAggAlias === fld.aggAlias);
    return child ? joinSql(p, fld, child) : '';
  });
  const from = fromClause(n.relToParent, n);
  const conds = [...n.where.map((t) => logicTree(p, qi, t)), ...n.relJoinConds.map(joinCondition)];
  const where = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  return `SELECT ${[...sels, ...spreadExtra, ...relSels].join(', ')}${from}${joins.join(' ')}${where} ${groupBy(p, qi, n)} ${orderBy(p, qi, n.order)} ${limitOffset(p, n.range)}`;
}

/** The root's rows without LIMIT/OFFSET, for count=exact (PostgREST readPlanToCountQuery). */
export function countQuery(p: Params, tree: ReadPlanTree): string {
  const n = tree.node;
  const qi = nodeQi(n);
  const countLogic = (t: PlanLogicTree): string => {
    if (t.type === 'expr') {
      return `${t.negated ? 'NOT' : ''} (${t.children.map(countLogic).join(t.operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    const f = t.filter;
    if (f.type === 'null-embed') {
      const child = tree.children.find((c) => c.node.relAggAlias === f.aggAlias);
      return child ? `${f.negated ? '' : 'NOT '}EXISTS (${countQuery(p, child)})` : '';
    }
    return filterSql(p, qi, f);
  };
  const exists = tree.children
    .filter((c) => c.node.relJoinType === 'inner')
    .map((c) => `EXISTS (${countQuery(p, c)} )`);
  const conds = [...n.where.map(countLogic), ...n.relJoinConds.map(joinCondition), ...exists];
  return `SELECT 1 ${fromClause(n.relToParent, n)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}
