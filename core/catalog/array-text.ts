import type pg from 'pg';

/**
 * Readers for the one-dimensional array texts the catalog queries return (attnums, option lists), quicker
 * than node-postgres's general array parser on the 50,000 small arrays of a large catalog. Anything they do
 * not recognise as a plain one-dimensional array (dimensions, nesting, quoted elements) goes to the client's
 * own parser, so every value reads exactly as before.
 */
type Parser = (text: string) => unknown;

const INT_ARRAYS = new Set([1005 /* int2[] */, 1007 /* int4[] */, 1028 /* oid[] */]);
const TEXT_ARRAYS = new Set([1009 /* text[] */, 1015 /* varchar[] */]);

/**
 * The body `{…}` of a one-dimensional array text, without the `[lo:hi]=` prefix a non-1-based array (an
 * int2vector cast to int2[]) carries; null when it is anything else.
 */
function plainBody(text: string): string | null {
  let body = text;
  if (text.charCodeAt(0) === 91 /* [ */) {
    const eq = text.indexOf('=');
    if (eq < 0 || text.indexOf('[', 1) >= 0) return null;
    body = text.slice(eq + 1);
  }
  if (body.charCodeAt(0) !== 123 /* { */ || body.indexOf('{', 1) >= 0) return null;
  return body;
}

/** `{1,2,NULL}` → [1, 2, null]. */
export function readIntArray(text: string, fallback: Parser): unknown {
  if (text === '{}') return [];
  const body = plainBody(text);
  if (body === null) return fallback(text);
  const out: (number | null)[] = [];
  const last = body.length - 1;
  for (let at = 1; ;) {
    const comma = body.indexOf(',', at);
    const stop = comma < 0 ? last : comma;
    const item = body.slice(at, stop);
    out.push(item === 'NULL' ? null : parseInt(item, 10));
    if (comma < 0) return out;
    at = comma + 1;
  }
}

/** `{a,b,NULL}` → ['a', 'b', null] when no element is quoted; otherwise the client's parser. */
export function readTextArray(text: string, fallback: Parser): unknown {
  if (text === '{}') return [];
  const body = plainBody(text);
  // Unquoted elements hold no quote, backslash, comma, brace or space (array_out quotes those).
  if (body === null || body.indexOf('"') >= 0 || body.indexOf('\\') >= 0) return fallback(text);
  const out: (string | null)[] = [];
  const last = body.length - 1;
  for (let at = 1; ;) {
    const comma = body.indexOf(',', at);
    const stop = comma < 0 ? last : comma;
    const item = body.slice(at, stop);
    out.push(item === 'NULL' ? null : item);
    if (comma < 0) return out;
    at = comma + 1;
  }
}

const typesOf = new WeakMap<pg.ClientBase, NonNullable<pg.QueryConfig['types']>>();

/** Per-query type parsers for `client`: the readers above for int and text arrays, the client's own for the rest. */
export function catalogTypes(client: pg.ClientBase): NonNullable<pg.QueryConfig['types']> {
  let types = typesOf.get(client);
  if (types === undefined) {
    const own = (oid: number): Parser => client.getTypeParser(oid, 'text') as Parser;
    const parsers = new Map<number, Parser>();
    const parserFor = (oid: number): Parser | undefined => {
      let p = parsers.get(oid);
      if (p === undefined) {
        const fallback = own(oid);
        if (INT_ARRAYS.has(oid)) p = (text) => readIntArray(text, fallback);
        else if (TEXT_ARRAYS.has(oid)) p = (text) => readTextArray(text, fallback);
        else return undefined;
        parsers.set(oid, p);
      }
      return p;
    };
    types = {
      getTypeParser: ((oid: number, format?: string) =>
        (format === undefined || format === 'text' ? parserFor(oid) : undefined) ??
        client.getTypeParser(oid, format as 'text')) as NonNullable<pg.QueryConfig['types']>['getTypeParser'],
    };
    typesOf.set(client, types);
  }
  return types;
}
