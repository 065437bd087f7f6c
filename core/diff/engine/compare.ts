import { quoteIdent } from '../../../shared/sql/quote-ident.js';
import type { Column, FunctionInfo, Relation, TypeRef } from '../../../shared/model/catalog.js';

/** Structural equality of plain model values (arrays in order, object keys regardless of order, undefined
 * as absent), blind to the keys `ignored` says so of. */
function equalWithout(ignored: (key: string) => boolean): (a: unknown, b: unknown) => boolean {
  // Runs over every relation of both models (most are equal): leaves are compared before recursing, and each
  // key is read once per side.
  const equal = (a: unknown, b: unknown): boolean => {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        const v: unknown = a[i];
        const w: unknown = b[i];
        if (v !== w && !equal(v, w)) return false;
      }
      return true;
    }
    if (Array.isArray(b)) return false;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let n = 0;
    for (const k in x) {
      const v = x[k];
      if (v === undefined || ignored(k)) continue;
      const w = y[k];
      if (v !== w && !equal(v, w)) return false;
      n++;
    }
    for (const k in y) if (y[k] !== undefined && !ignored(k)) n--;
    return n === 0;
  };
  return (a, b) => a === b || equal(a, b);
}

/** Structural equality of plain model values. */
export const same = equalWithout(() => false);

/**
 * Facts of one database that say nothing about the schema: two equal schemas differ in all of them. Compared
 * key by key (property names are interned: each test is a pointer comparison), which over every key of both
 * models costs less than a set lookup.
 */
const local = (k: string): boolean =>
  k === 'oid' || k === 'rowTypeOid' || k === 'elementOid' || k === 'arrayOid' || k === 'estimatedRows';

/** `same`, blind to OIDs and statistics: whether two model objects describe the same schema object. */
export const sameDefinition = equalWithout(local);

export const sameType = (a: TypeRef, b: TypeRef): boolean => a.formatted === b.formatted;

/**
 * Whether a column that stays changes type or collation (schema included: `app.ci` and `intl.ci` are two): what
 * ALTER COLUMN … TYPE does, and what views, policies and storage facts over the column do not survive.
 */
export const retyped = (a: Column, b: Column): boolean =>
  a.type.formatted !== b.type.formatted ||
  a.collation !== b.collation ||
  a.collationSchema !== b.collationSchema;

/** What CREATE OR REPLACE FUNCTION writes (owner, comment and privileges are separate statements). */
export function routineBody(f: FunctionInfo): unknown {
  return [
    f.kind,
    f.argumentsText,
    f.returns.text ?? f.returns.type.formatted,
    f.volatility,
    f.securityDefiner,
    f.strict,
    f.leakproof,
    f.parallel,
    f.language,
    f.config,
    f.source,
    f.sqlBody,
    f.cost,
    f.rows,
    f.aggregate,
  ];
}

/** What a view's CREATE [OR REPLACE] writes. */
export function viewBody(r: Relation): unknown {
  return [r.viewDefinition, r.options, r.checkOption, r.securityBarrier, r.securityInvoker];
}

/**
 * Type changes PostgreSQL makes without rewriting the table (binary coercible, no stricter constraint):
 * varchar growing or losing its limit, varchar to text, numeric losing its precision, bit varying growing.
 */
export function binaryCoercible(from: Column, to: Column): boolean {
  const a = from.type.formatted;
  const b = to.type.formatted;
  if (a === b) return true;
  const len = (t: string, base: string) => {
    const m = new RegExp(`^${base}(?:\\((\\d+)\\))?$`).exec(t);
    return m === null ? undefined : m[1] === undefined ? Infinity : Number(m[1]);
  };
  for (const base of ['character varying', 'bit varying']) {
    const la = len(a, base);
    const lb = len(b, base);
    if (la !== undefined && lb !== undefined) return lb >= la;
  }
  if (len(a, 'character varying') !== undefined && b === 'text') return true;
  if (a === 'text' && b === 'character varying') return true;
  if (/^numeric\(\d+,\d+\)$/.test(a) && b === 'numeric') return true;
  const na = /^numeric\((\d+),(\d+)\)$/.exec(a);
  const nb = /^numeric\((\d+),(\d+)\)$/.exec(b);
  if (na !== null && nb !== null) return na[2] === nb[2] && Number(nb[1]) >= Number(na[1]);
  return false;
}

/**
 * Whether SQL text as PostgreSQL deparses it (an expression, a trigger's definition) names the column: its
 * quoted spelling as a whole word. At worst a false yes, which recreates something that did not need it.
 */
export function mentionsColumn(text: string, column: string): boolean {
  const spelt = quoteIdent(column);
  for (let at = text.indexOf(spelt); at >= 0; at = text.indexOf(spelt, at + 1))
    if (!WORD.test(text[at + spelt.length] ?? '') && !WORD.test(text[at - 1] ?? '')) return true;
  return false;
}
const WORD = /[\w$"]/;
