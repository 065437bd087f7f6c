import type { Catalog, Column, TypeRef } from '../../../shared/model/catalog.js';
import { quoteQualified } from '../../ddl/quote.js';
import type { Statement } from '../../ddl/statement.js';
import { alterColumnType, alterColumnTypeThroughText } from '../../ddl/tables.js';
import { binaryCoercible } from './compare.js';

/**
 * How the diff moves a column's values onto its new type: in place (binary coercible: a longer varchar, varchar to
 * text…; a foreign table stores nothing), through text (one enum or range type to another: no cast between
 * them), or by an explicit cast (`USING c::t`).
 */
export type RetypeWay = 'coercible' | 'through_text' | 'cast';

const VIA_TEXT = new Set<TypeRef['kind']>(['enum', 'range', 'multirange']);

export function retypeWay(from: Column, to: Column, foreign: boolean): RetypeWay {
  if (binaryCoercible(from, to) || foreign) return 'coercible';
  if (VIA_TEXT.has(from.type.kind) && VIA_TEXT.has(to.type.kind) && !from.type.isArray && !to.type.isArray)
    return 'through_text';
  return 'cast';
}

/** ALTER COLUMN … TYPE as `retypeWay` says, keeping the new column's COLLATE (without it, the type's default). */
export function retypeStatement(
  schema: string,
  table: string,
  from: Column,
  to: Column,
  foreign: boolean,
): Statement {
  const way = retypeWay(from, to, foreign);
  if (way === 'through_text')
    return alterColumnTypeThroughText(schema, table, to.name, to.type.formatted, false);
  return alterColumnType(schema, table, to.name, to.type.formatted, undefined, {
    collation: to.collation,
    ...(to.collationSchema !== undefined ? { collationSchema: to.collationSchema } : {}),
    castUsing: way === 'cast',
  });
}

/**
 * Whether the statement `retypeStatement` writes can take a column of FROM's type `from` to TO's type `to` (the
 * table's rows aside: a text that is no number still stops it). Through text only where every value reads as one of
 * the new type: an enum into one with all its labels, a range into one whose subtype reads its bounds (the same, or
 * a wider one: integer into bigint or numeric, a date into a timestamp); never across kinds (a range's text is no
 * multirange's). A cast follows PostgreSQL's explicit cast rules (parse_coerce.c find_coercion_pathway): domains
 * stand for their base types, the same type under another typmod is a length coercion, a cast of pg_cast (the
 * built-in ones below, a user-defined one both sides have), arrays element by element, and I/O conversion to or from
 * a string type. What cannot be told (a domain or an array element outside the models) does not convert.
 */
export function converts(from: Column, to: Column, models: { from: Catalog; to: Catalog }): boolean {
  const way = retypeWay(from, to, false);
  if (way === 'coercible') return true;
  if (way === 'through_text') return readsAs(from.type, to.type, models);
  const toCasts = new Set((models.to.casts ?? []).map(castKey));
  const casts = new Set((models.from.casts ?? []).map(castKey).filter((k) => toCasts.has(k)));
  return castPath(asType(from.type), asType(to.type), { ...models, casts }, 0);
}

/** Whether every value of enum or range `a` (of FROM) reads, as text, as one of `b` (of TO). */
function readsAs(a: TypeRef, b: TypeRef, models: { from: Catalog; to: Catalog }): boolean {
  const ua = models.from.types.find((t) => t.oid === a.oid);
  const ub = models.to.types.find((t) => t.oid === b.oid);
  if (a.kind === 'enum' && b.kind === 'enum')
    return ua !== undefined && ub !== undefined && ua.labels.every((l) => ub.labels.includes(l));
  if (a.kind !== 'range' || b.kind !== 'range') return false;
  const subtype = (t: TypeRef, u: typeof ua) =>
    t.schema === 'pg_catalog' ? RANGE_SUBTYPES[t.name] : u?.rangeSubtype?.formatted;
  const sa = subtype(a, ua);
  const sb = subtype(b, ub);
  return sa !== undefined && sb !== undefined && (sa === sb || WIDER[sa]?.includes(sb) === true);
}

/** The built-in ranges' subtypes, as format_type spells them. */
const RANGE_SUBTYPES: Readonly<Record<string, string>> = {
  int4range: 'integer',
  int8range: 'bigint',
  numrange: 'numeric',
  daterange: 'date',
  tsrange: 'timestamp without time zone',
  tstzrange: 'timestamp with time zone',
};
/** Subtypes whose text the wider ones read as the same value. */
const WIDER: Readonly<Record<string, readonly string[]>> = {
  integer: ['bigint', 'numeric'],
  bigint: ['numeric'],
  date: ['timestamp without time zone', 'timestamp with time zone'],
  'timestamp without time zone': ['timestamp with time zone'],
};

/** A type as the cast rules need it. */
interface Type {
  readonly oid: number | null;
  readonly schema: string;
  readonly name: string;
  readonly formatted: string;
  readonly kind: TypeRef['kind'];
  readonly isArray: boolean;
  readonly elementOid: number | null;
}

interface Rules {
  readonly from: Catalog;
  readonly to: Catalog;
  /** User-defined casts on both sides, by castKey. */
  readonly casts: ReadonlySet<string>;
}

const castKey = (c: {
  sourceType: string;
  targetType: string;
  sourceIsDomain: boolean;
  targetIsDomain: boolean;
}) =>
  // A cast from or to a domain is never used (PostgreSQL warns so when it is made).
  c.sourceIsDomain || c.targetIsDomain ? '' : `${c.sourceType}\0${c.targetType}`;

const asType = (t: TypeRef): Type => ({
  oid: t.oid,
  schema: t.schema,
  name: t.name,
  formatted: spelt(t.schema, t.name, t.formatted),
  kind: t.kind,
  isArray: t.isArray,
  elementOid: t.elementOid,
});

/**
 * A type as pg_cast's readers spell it (format_type without a typmod: `character varying`, not `(20)`): a built-in
 * one by its typname, a user type as the model formats it.
 */
function spelt(schema: string, name: string, formatted: string): string {
  if (schema !== 'pg_catalog') return formatted;
  return SQL_NAMES[name] ?? name;
}
const SQL_NAMES: Readonly<Record<string, string>> = {
  bool: 'boolean',
  bpchar: 'character',
  char: '"char"',
  float4: 'real',
  float8: 'double precision',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  time: 'time without time zone',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
  varbit: 'bit varying',
  varchar: 'character varying',
};

function castPath(a: Type, b: Type, rules: Rules, depth: number): boolean {
  if (depth > 8) return false;
  const x = baseOf(a, rules.from);
  const y = baseOf(b, rules.to);
  // I/O conversion: anything to a string type, a string type to anything (its input function reads it).
  if ((y !== undefined && isString(y)) || (x !== undefined && isString(x))) return true;
  if (x === undefined || y === undefined) return false;
  if (x.schema === y.schema && x.name === y.name) return true;
  if (
    x.schema === 'pg_catalog' &&
    y.schema === 'pg_catalog' &&
    builtIn(rules.from.server.major, x.name, y.name)
  )
    return true;
  if (rules.casts.has(`${x.formatted}\0${y.formatted}`)) return true;
  if (x.isArray && y.isArray) {
    const ex = elementOf(x, rules.from);
    const ey = elementOf(y, rules.to);
    return ex !== undefined && ey !== undefined && castPath(ex, ey, rules, depth + 1);
  }
  return false;
}

/** A domain's base type (through domains over domains), from the model of its side; undefined when unknown. */
function baseOf(t: Type, model: Catalog): Type | undefined {
  let at: Type = t;
  for (let n = 0; at.kind === 'domain'; n++) {
    const oid = at.oid;
    const base = n < 8 ? model.types.find((u) => u.oid === oid)?.domain?.baseType : undefined;
    if (base === undefined) return undefined;
    at = asType(base);
  }
  return at;
}

/** An array type's element: a built-in one by PostgreSQL's naming (_int4 of int4), else from the model. */
function elementOf(t: Type, model: Catalog): Type | undefined {
  if (t.schema === 'pg_catalog' && t.name.startsWith('_'))
    return {
      oid: null,
      schema: 'pg_catalog',
      name: t.name.slice(1),
      formatted: spelt('pg_catalog', t.name.slice(1), ''),
      kind: 'base',
      isArray: false,
      elementOid: null,
    };
  const u = model.types.find((x) => x.oid === t.elementOid);
  if (u === undefined) return undefined;
  return {
    oid: u.oid,
    schema: u.schema,
    name: u.name,
    formatted: quoteQualified(u.schema, u.name),
    kind: u.kind,
    isArray: false,
    elementOid: null,
  };
}

/** PostgreSQL's built-in string types (typcategory S): I/O conversion reaches every type from and to them. */
const STRING = new Set(['text', 'varchar', 'bpchar', 'name']);
const isString = (t: Type) => t.schema === 'pg_catalog' && STRING.has(t.name);

/**
 * The built-in casts (pg_cast, by typname) between types neither of which is a string type, on PostgreSQL 14 to
 * 18 alike (and below, those 18 added) (retype.pg.test.ts reads them back from each server). Left out: the reg* and other internal types, and
 * a range to its multirange (the diff moves a range through text, which a multirange does not read).
 */
const BUILT_IN: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    bit: 'int4 int8 varbit',
    bool: 'int4',
    box: 'circle lseg point polygon',
    char: 'int4',
    cidr: 'inet',
    circle: 'box point polygon',
    date: 'timestamp timestamptz',
    float4: 'float8 int2 int4 int8 numeric',
    float8: 'float4 int2 int4 int8 numeric',
    inet: 'cidr',
    int2: 'float4 float8 int4 int8 numeric oid',
    int4: 'bit bool char float4 float8 int2 int8 money numeric oid',
    int8: 'bit float4 float8 int2 int4 money numeric oid',
    interval: 'time',
    json: 'jsonb',
    jsonb: 'bool float4 float8 int2 int4 int8 json numeric',
    lseg: 'point',
    macaddr: 'macaddr8',
    macaddr8: 'macaddr',
    money: 'numeric',
    numeric: 'float4 float8 int2 int4 int8 money',
    oid: 'int4 int8',
    path: 'polygon',
    point: 'box',
    polygon: 'box circle path point',
    time: 'interval timetz',
    timestamp: 'date time timestamptz',
    timestamptz: 'date time timestamp timetz',
    timetz: 'time',
    varbit: 'bit',
  }).map(([k, v]) => [k, new Set(v.split(' '))]),
);

/** Built-in casts PostgreSQL 18 added: between the integers and bytea. */
const SINCE_18: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({ int2: 'bytea', int4: 'bytea', int8: 'bytea', bytea: 'int2 int4 int8' }).map(([k, v]) => [
    k,
    new Set(v.split(' ')),
  ]),
);

/** Whether the server the migration runs on (FROM's) has a built-in cast between the two. */
const builtIn = (major: number, a: string, b: string): boolean =>
  BUILT_IN.get(a)?.has(b) === true || (major >= 18 && SINCE_18.get(a)?.has(b) === true);

/** The built-in cast table of a major, for the test that reads pg_cast back. */
export const builtInCasts = (major: number): [string, string][] =>
  [...BUILT_IN, ...(major >= 18 ? SINCE_18 : [])].flatMap(([a, bs]) =>
    [...bs].map((b): [string, string] => [a, b]),
  );
