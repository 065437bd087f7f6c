/**
 * The query string → QueryParams (PostgREST's QueryParams.parse). Errors are PGRST100 with PostgREST's texts:
 * message `"failed to parse filter (val)" (line 1, column 1)`, details `unexpected "v" expecting …`.
 *
 * @example
 *   parseQueryParams(false, 'select=id,name&id=eq.1&order=id.desc&limit=2')
 *   parseQueryParams(true, 'a=2&b=3')   // RPC GET: params [["a","2"],["b","3"]]
 */
import { pgrst } from '../errors/codes.js';
import type { PgrstError } from '../errors/pgrst-error.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type {
  EmbedPath,
  Filter,
  LogicTree,
  NonnegRange,
  OpExpr,
  OrderTerm,
  QueryParams,
  SelectItem,
} from './types.js';
import type { Parser } from './parsec.js';
import { alt, pure, run, showErrorMessages, showPos } from './parsec.js';
import { pColumns, pSingleVal, pTreePath, strip } from './grammar.js';
import { pFieldForest } from './select.js';
import { pOpExpr, type FilterDialect } from './filter.js';
import { pLogicPath, pLogicTree, pLogicTree12 } from './logic.js';
import { pOrder } from './order.js';
import { allRange, rangeGeq, rangeLimit, rangeOffset, readInteger, restrictRange } from './range.js';
import { parseQuery, urlEncode } from './url.js';
import { fastFilterValue, fastOrder, fastSelect, fastTreePath } from './fast-paths.js';

class QpFailure {
  constructor(readonly error: PgrstError) {}
}

/** Runs a parser with PostgREST's source name; a failure becomes PGRST100 (thrown as QpFailure, caught below). */
function parseWith<T>(p: Parser<T>, sourceName: string, text: string): T {
  const r = run(p, text);
  if (r.ok) return r.value;
  const message = showPos(sourceName, r.error.pos);
  const details = strip(showErrorMessages(r.error.msgs).replace(/\n/g, ' '));
  throw new QpFailure(pgrst.queryParam(message, details));
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

const reserved = ['select', 'columns', 'on_conflict'];

function replaceLast(x: string, key: string): string {
  const parts = key.split('.');
  return [...parts.slice(0, -1), x].join('.');
}

/** Network.HTTP.Base's urlEncodeVars over the sorted pairs (same names grouped, values joined by ","). */
function canonicalOf(pairs: [string, string | null][]): string {
  const sorted = pairs
    .map(([k, v]) => [k, v ?? ''] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // The sort is stable and by name only, so each name's values are adjacent and in query order.
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const n = sorted[i]![0];
    const values: string[] = [];
    for (; i < sorted.length && sorted[i]![0] === n; i++) values.push(urlEncode(sorted[i]![1]));
    out.push(`${urlEncode(n)}=${values.join(',')}`);
  }
  return out.join('&');
}

const pFilterValues: Record<FilterDialect, Parser<OpExpr>> = {
  12: pOpExpr(pSingleVal, 12),
  13: pOpExpr(pSingleVal, 13),
};

function pRequestFilter(
  isRpcRead: boolean,
  k: string,
  v: string,
  dialect: FilterDialect,
): { path: EmbedPath; filter: Filter } {
  const tree = fastTreePath(k) ?? parseWith(pTreePath, `failed to parse tree path (${k})`, k);
  const fast = fastFilterValue(v);
  const pFilterValue = pFilterValues[dialect];
  const opExpr =
    (fast &&
    !(
      dialect === 12 &&
      fast.type === 'op' &&
      fast.operation.type === 'is' &&
      fast.operation.value === 'not_null'
    )
      ? fast
      : undefined) ??
    parseWith(
      isRpcRead ? alt(pFilterValue, pure<OpExpr>({ type: 'noop', value: v })) : pFilterValue,
      `failed to parse filter (${v})`,
      v,
    );
  return { path: tree.path, filter: { field: tree.field, opExpr } };
}

function pRequestOrder(k: string, v: string): { path: EmbedPath; terms: OrderTerm[] } {
  const tree = fastTreePath(k) ?? parseWith(pTreePath, `failed to parse tree path (${k})`, k);
  const terms = fastOrder(v) ?? parseWith(pOrder, `failed to parse order (${v})`, v);
  return { path: tree.path, terms };
}

function pRequestLogicTree(
  k: string,
  v: string,
  dialect: FilterDialect,
): { path: EmbedPath; tree: LogicTree } {
  const lp = parseWith(pLogicPath, `failed to parse logic path (${k})`, k);
  const tree = parseWith(
    dialect === 12 ? pLogicTree12 : pLogicTree,
    `failed to parse logic tree (${v})`,
    lp.op + v,
  );
  return { path: lp.path, tree };
}

export function parseQueryParams(
  isRpcRead: boolean,
  queryString: string,
  dialect: FilterDialect = 13,
): Result<QueryParams> {
  const key = `${isRpcRead ? 'r' : 't'}${dialect}${queryString}`;
  const hit = parsedQueries.get(key);
  if (hit) return ok(hit);
  try {
    const qp = deepFreeze(parseQueryParamsOrThrow(isRpcRead, queryString, dialect));
    // Bounded: clients repeat a finite set of query shapes; forgetting them all only costs a parse each.
    if (parsedQueries.size >= MAX_PARSED_QUERIES) parsedQueries.clear();
    parsedQueries.set(key, qp);
    return ok(qp);
  } catch (e) {
    if (e instanceof QpFailure) return err(e.error);
    throw e;
  }
}

/**
 * Parsed query strings: the parse is a pure function of the string (and whether it is an RPC read), and clients
 * send the same few query strings over and over, so each is parsed once. Frozen, since every request shares it.
 */
const parsedQueries = new Map<string, QueryParams>();
const MAX_PARSED_QUERIES = 2_000;

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function lookupParam(qString: readonly [string, string | null][], needle: string): string | null {
  for (const [k, v] of qString) if (k === needle) return v;
  return null;
}

function parseQueryParamsOrThrow(
  isRpcRead: boolean,
  queryString: string,
  dialect: FilterDialect,
): QueryParams {
  const qString = parseQuery(queryString);
  const select = lookupParam(qString, 'select') ?? '*';
  const onConflict = lookupParam(qString, 'on_conflict');
  const columns = lookupParam(qString, 'columns');
  // One pass over the parameters with a value, each list in query order (the keys' last segment decides).
  const logic: [string, string][] = [];
  const order: [string, string][] = [];
  const limits: [string, string][] = [];
  const offsets: (readonly [string, string])[] = [];
  const filters: [string, string][] = [];
  for (const p of qString) {
    const [k, v] = p;
    if (v === null) continue;
    const last = lastSegment(k);
    if (last === 'and' || last === 'or') logic.push([k, v]);
    else if (last === 'order') order.push([k, v]);
    else if (last === 'limit') limits.push([k, v]);
    else if (last === 'offset') offsets.push([replaceLast('limit', k), v]);
    else if (!reserved.includes(k)) filters.push([k, v]);
  }

  // Same evaluation order as PostgREST: the first failing parameter in this order is the one reported.
  const rOrd = order.map(([k, v]) => pRequestOrder(k, v));
  const rLogic = logic.map(([k, v]) => pRequestLogicTree(k, v, dialect));
  const rCols =
    columns === null ? null : parseWith(pColumns, `failed to parse columns parameter (${columns})`, columns);
  const rSel: SelectItem[] =
    fastSelect(select) ?? parseWith(pFieldForest, `failed to parse select parameter (${select})`, select);
  const all = filters.map(([k, v]) => pRequestFilter(isRpcRead, k, v, dialect));
  const rFlts = all.filter((f) => f.filter.opExpr.type === 'op');
  const params = all.flatMap((f) =>
    f.filter.opExpr.type === 'noop' ? [[f.filter.field.name, f.filter.opExpr.value] as [string, string]] : [],
  );
  const rOnConflict =
    onConflict === null
      ? null
      : parseWith(pColumns, `failed to parse on_conflict parameter (${onConflict})`, onConflict);

  // Ranges: limit/offset per key; HM.fromList keeps the last duplicate.
  const limitParams = new Map<string, NonnegRange>();
  for (const [k, v] of limits) limitParams.set(k, restrictRange(readInteger(v), allRange));
  const offsetParams = new Map<string, NonnegRange>();
  for (const [k, v] of offsets) {
    const n = readInteger(v);
    offsetParams.set(k, n === null ? allRange : rangeGeq(n));
  }
  const ranges: Record<string, NonnegRange> = {};
  for (const [k, r] of limitParams) ranges[k] = r;
  for (const [k, ro] of offsetParams) {
    const rl = limitParams.get(k);
    if (rl === undefined) {
      ranges[k] = ro;
    } else {
      const l = rangeLimit(rl) ?? 0;
      const o = rangeOffset(ro);
      ranges[k] = { lower: o, upper: o + l - 1 };
    }
  }

  return {
    canonical: canonicalOf(qString),
    params,
    ranges,
    order: rOrd,
    logic: rLogic,
    // Sets in PostgREST (sorted, unique).
    columns: rCols === null ? null : [...new Set(rCols)].sort(),
    select: rSel,
    filters: rFlts,
    filtersRoot: rFlts.filter((f) => f.path.length === 0).map((f) => f.filter),
    filtersNotRoot: rFlts.filter((f) => f.path.length > 0),
    filterFields: [...new Set(filters.map(([k]) => k))].sort(),
    onConflict: rOnConflict,
  };
}

/** For tests and tools: runs one grammar on text with PostgREST's PGRST100 error shape. */
export function parseFragment<T>(p: Parser<T>, sourceName: string, text: string): Result<T> {
  try {
    return ok(parseWith(p, sourceName, text));
  } catch (e) {
    if (e instanceof QpFailure) return err(e.error);
    throw e;
  }
}
