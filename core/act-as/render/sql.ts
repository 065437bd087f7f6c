/**
 * SQL building blocks: identifier quoting (PostgREST's always-quoted form, from core/ddl) and positional parameters
 * (every request value becomes `$n`, sent as text of type unknown — PostgREST's HE.unknown encoder).
 */
import { quoteIdentAlways, quoteLiteral } from '../../ddl/quote.js';
import type { QualifiedName } from '../schema-cache/types.js';

export class Params {
  readonly values: (string | null)[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: string | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `"name"`, doubling embedded quotes; NUL characters cannot appear in identifiers and are dropped. */
export const ident: (name: string) => string = quoteIdentAlways;

/** `"schema"."name"`, or just `"name"` for an alias (schema ''). */
export function qident(q: QualifiedName): string {
  return q.schema === '' ? ident(q.name) : `${ident(q.schema)}.${ident(q.name)}`;
}

/** `"schema"."table"."column"` (or `.*`). */
export function column(q: QualifiedName, col: string): string {
  return col === '*' ? `${qident(q)}.*` : `${qident(q)}.${ident(col)}`;
}

/** A string literal for text that comes from the catalog (column names in jsonb_build_object), never the request. */
export function catalogLiteral(text: string): string {
  return quoteLiteral(text.replaceAll('\0', ''));
}

/** A PostgreSQL array literal of text values, each element double-quoted and escaped. */
export function arrayLiteral(values: readonly string[]): string {
  const esc = (v: string) => `"${v.replace(/\0/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `{${values.map(esc).join(',')}}`;
}

/**
 * A cast target from the request (`::int`): PostgREST leaves it unquoted so `int`/`bigint` keep working; the
 * request parser only lets identifier characters through, and we re-check here so nothing else can slip in.
 */
export function castType(cast: string): string {
  // the request grammar allows letters, digits, '_', ' ' and '$' (PostgREST's pIdentifier): nothing can break out
  if (!/^[\p{L}\p{N}_ $]+$/u.test(cast)) throw new Error(`unsafe cast type: ${cast}`);
  return cast;
}

/** A type name from the catalog (format_type output), used in column definition lists and casts. */
export function catalogType(type: string): string {
  return type;
}
