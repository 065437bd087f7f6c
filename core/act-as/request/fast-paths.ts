/**
 * Shortcuts for the query-string shapes almost every request uses (`id=eq.1`, `select=id,name`, `order=id.desc`).
 * Each recogniser accepts only text on which the full grammar (parsec.ts) is known to succeed, and returns exactly
 * the value the grammar would; anything else returns undefined and goes through the grammar, which also produces
 * every PGRST100 message. fast-paths.test.ts checks each shortcut against the grammar.
 */
import type { Field, OpExpr, OrderTerm, SelectItem } from './types.js';

/** Plain ASCII names: letters, digits, `_`, `$` (no spaces, dashes, quotes or JSON arrows). */
const NAME = '[A-Za-z0-9_$]+';
const treePathRe = new RegExp(`^${NAME}(?:\\.${NAME})*$`);
const nameRe = new RegExp(`^${NAME}$`);

/** pTreePath on a filter/order key such as `id` or `items.qty`. */
export function fastTreePath(key: string): { path: string[]; field: Field } | undefined {
  if (!treePathRe.test(key)) return undefined;
  const names = key.split('.');
  const name = names.pop()!;
  return { path: names, field: { name, jsonPath: [] } };
}

const simpleOps = new Set(['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj']);
const quantOps = new Set(['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch']);
const isVals = new Set(['null', 'not_null', 'true', 'false', 'unknown']);
/** `in.(a,b)` with unquoted elements free of white space, parentheses, quotes and backslashes. */
const inListRe = /^\(([^,()"\\\s]*(?:,[^,()"\\\s]*)*)\)$/;

/**
 * pOpExpr pSingleVal on a filter value: `[not.]op.value` for the simple and quantifiable operators (no
 * quantifier), `[not.]is.<lower-case value>` and `[not.]in.(a,b,c)`.
 */
export function fastFilterValue(v: string): OpExpr | undefined {
  let rest = v;
  let negated = false;
  if (rest.startsWith('not.')) {
    negated = true;
    rest = rest.slice(4);
  }
  const dot = rest.indexOf('.');
  if (dot <= 0) return undefined;
  const op = rest.slice(0, dot);
  const value = rest.slice(dot + 1);
  if (simpleOps.has(op)) {
    return { type: 'op', negated, operation: { type: 'simple', op: op as never, value } };
  }
  if (quantOps.has(op)) {
    return { type: 'op', negated, operation: { type: 'quant', op: op as never, quantifier: null, value } };
  }
  if (op === 'is' && isVals.has(value)) {
    return { type: 'op', negated, operation: { type: 'is', value: value as never } };
  }
  if (op === 'in') {
    const m = inListRe.exec(value);
    if (m) return { type: 'op', negated, operation: { type: 'in', values: m[1]!.split(',') } };
  }
  return undefined;
}

/** pFieldForest on `*` or `a,b,c` (plain columns, no alias, cast, JSON path, aggregate or embedding). */
export function fastSelect(select: string): SelectItem[] | undefined {
  const parts = select.split(',');
  const out: SelectItem[] = [];
  for (const name of parts) {
    if (name !== '*' && !nameRe.test(name)) return undefined;
    out.push({
      type: 'field',
      field: { name, jsonPath: [] },
      aggregate: null,
      aggregateCast: null,
      cast: null,
      alias: null,
    });
  }
  return out;
}

const orderTermRe = new RegExp(`^(${NAME})(?:\\.(asc|desc))?(?:\\.(nullsfirst|nullslast))?$`);

/** pOrder on `a,b.desc,c.asc.nullslast` (plain columns). */
export function fastOrder(v: string): OrderTerm[] | undefined {
  const out: OrderTerm[] = [];
  for (const part of v.split(',')) {
    const m = orderTermRe.exec(part);
    if (!m) return undefined;
    out.push({
      type: 'field',
      field: { name: m[1]!, jsonPath: [] },
      direction: (m[2] ?? null) as never,
      nulls: (m[3] ?? null) as never,
    });
  }
  return out;
}
