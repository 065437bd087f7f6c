import type { RenameCandidate } from '../../../shared/diff/migration.js';
import type {
  Catalog,
  Collation,
  FunctionInfo,
  ObjectRef,
  Relation,
  Sequence,
  UserType,
} from '../../../shared/model/catalog.js';
import { refs } from '../../ddl/statement.js';
import { respellSchema } from './respell.js';

/**
 * A schema renamed (ALTER SCHEMA … RENAME TO): offered when a schema gone from FROM and one new in TO hold much
 * the same objects, and when accepted, FROM's model re-spelt as PostgreSQL shows it after the rename, so that the
 * rest of the diff compares the schema's contents like with like.
 */

/** How a string field of the model reads when a schema is renamed, by its key. */
type Spelling = 'schema' | 'sql' | 'kept';

/**
 * Every string field of the model parts that can name a schema's objects (the test walks the model's zod schema
 * and fails on a field missing here). `schema`: a schema's name. `sql`: text PostgreSQL deparses from OIDs (types
 * as format_type prints them, expressions, definitions, signatures, regproc-style names), so it re-spells them
 * after a rename. `kept`: names of other things, and text PostgreSQL stores as written (a function's body string,
 * comments, settings such as search_path, string constants like an aggregate's initial condition).
 */
export const STRING_FIELDS: ReadonlyMap<string, Spelling> = new Map<string, Spelling>(
  Object.entries({
    schema: 'schema',
    collationSchema: 'schema',
    schemas: 'schema',
    args: 'sql',
    argumentsText: 'sql',
    canonical: 'sql',
    combinefunc: 'sql',
    default: 'sql',
    definition: 'sql',
    deserialfunc: 'sql',
    expressions: 'sql',
    finalfunc: 'sql',
    formatted: 'sql',
    generation: 'sql',
    identityArgs: 'sql',
    mfinalfunc: 'sql',
    minvfunc: 'sql',
    msfunc: 'sql',
    mstype: 'sql',
    partitionBound: 'sql',
    partitionKey: 'sql',
    predicate: 'sql',
    serialfunc: 'sql',
    sfunc: 'sql',
    sortop: 'sql',
    sourceType: 'sql',
    sql: 'sql',
    sqlBody: 'sql',
    stype: 'sql',
    subtypeDiff: 'sql',
    targetType: 'sql',
    text: 'sql',
    using: 'sql',
    viewDefinition: 'sql',
    where: 'sql',
    withCheck: 'sql',
    attachedTo: 'kept',
    cache: 'kept',
    clusterOn: 'kept',
    collate: 'kept',
    collation: 'kept',
    column: 'kept',
    columns: 'kept',
    comment: 'kept',
    compression: 'kept',
    ctype: 'kept',
    dataType: 'kept',
    event: 'kept',
    extension: 'kept',
    fdwOptions: 'kept',
    grantor: 'kept',
    icuRules: 'kept',
    include: 'kept',
    increment: 'kept',
    index: 'kept',
    initcond: 'kept',
    labels: 'kept',
    language: 'kept',
    locale: 'kept',
    max: 'kept',
    member: 'kept',
    method: 'kept',
    min: 'kept',
    minitcond: 'kept',
    name: 'kept',
    options: 'kept',
    owner: 'kept',
    role: 'kept',
    server: 'kept',
    source: 'kept',
    start: 'kept',
    table: 'kept',
    tags: 'kept',
    toastOptions: 'kept',
    value: 'kept',
    updateTargets: 'kept',
    version: 'kept',
  } satisfies Record<string, Spelling>),
);

/**
 * The model's parts walked (true) and those that name no schema object (the read's facts, cluster-wide roles):
 * `schemas` is re-spelt on its own (its entries are the schemas themselves).
 */
export const MODEL_PARTS: Readonly<Record<keyof Catalog, boolean>> = {
  format: false,
  readAt: false,
  server: false,
  database: false,
  excludedSchemas: false,
  roles: false,
  memberships: false,
  roleSettings: false,
  languages: false,
  schemas: false,
  extensions: true,
  relations: true,
  sequences: true,
  functions: true,
  types: true,
  grants: true,
  defaultPrivileges: true,
  policies: true,
  dependencies: true,
  casts: true,
  eventTriggers: true,
  collations: true,
  statistics: true,
  publications: true,
};

/** A walk over plain model values that re-spells `from` as `to`, returning each value itself where nothing changed. */
function respeller(from: string, to: string): (value: unknown, key: string) => unknown {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      const spelling = STRING_FIELDS.get(key);
      if (spelling === 'schema') return value === from ? to : value;
      return spelling === 'sql' ? respellSchema(value, from, to) : value;
    }
    if (Array.isArray(value)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const x: unknown = value[i];
        const y = walk(x, key);
        if (y !== x) (out ??= [...value])[i] = y;
      }
      return out ?? value;
    }
    if (value === null || typeof value !== 'object') return value;
    const o = value as Readonly<Record<string, unknown>>;
    let out: Record<string, unknown> | null = null;
    for (const k of Object.keys(o)) {
      const x = o[k];
      const y = walk(x, k);
      if (y !== x) (out ??= { ...o })[k] = y;
    }
    // A reference to a schema names it in `name` ({ kind: 'schema', schema: null, name }).
    if (o.kind === 'schema' && o.schema === null && o.name === from) (out ??= { ...o }).name = to;
    return out ?? value;
  };
  return walk;
}

/**
 * The model as PostgreSQL shows it after ALTER SCHEMA `from` RENAME TO `to`: the schema and every reference to
 * it re-spelt (objects, references, types, defaults, definitions, signatures, privileges, default privileges),
 * what PostgreSQL stores as text kept (a function's string body naming `from.t` stays so, and differs).
 */
export function renameSchemaIn(model: Catalog, from: string, to: string): Catalog {
  const walk = respeller(from, to);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) out[k] = MODEL_PARTS[k as keyof Catalog] ? walk(v, k) : v;
  out.schemas = model.schemas.map((s) => (s.name === from ? { ...s, name: to } : s));
  // The walk keeps every shape and changes strings only: the result is a Catalog.
  return out as Catalog;
}

/** A reference as it reads after ALTER SCHEMA `from` RENAME TO `to`. */
export function renameSchemaInRef(ref: ObjectRef, from: string, to: string): ObjectRef {
  return respeller(from, to)(ref, '') as ObjectRef;
}

/** The objects of one schema that tell what it holds. */
interface Bucket {
  readonly relations: Relation[];
  readonly sequences: Sequence[];
  readonly functions: FunctionInfo[];
  readonly types: UserType[];
  readonly collations: Collation[];
}
type Buckets = ReadonlyMap<string, Bucket>;

/** The objects of some schemas of a model, by schema: one pass over the model, however many pairs are compared. */
function bucketed(model: Catalog, schemas: ReadonlySet<string>): Buckets {
  const out = new Map<string, Bucket>();
  const at = (schema: string) => {
    let b = out.get(schema);
    if (b === undefined)
      out.set(schema, (b = { relations: [], sequences: [], functions: [], types: [], collations: [] }));
    return b;
  };
  for (const x of model.relations) if (schemas.has(x.schema)) at(x.schema).relations.push(x);
  for (const x of model.sequences) if (schemas.has(x.schema)) at(x.schema).sequences.push(x);
  for (const x of model.functions) if (schemas.has(x.schema)) at(x.schema).functions.push(x);
  for (const x of model.types) if (schemas.has(x.schema)) at(x.schema).types.push(x);
  for (const x of model.collations ?? []) if (schemas.has(x.schema)) at(x.schema).collations.push(x);
  return out;
}

/** A schema's objects by kind and name (signatures spelt through `spell`), each with what it is made of. */
function contents(buckets: Buckets, schema: string, spell: (text: string) => string): Map<string, Shape> {
  const out = new Map<string, Shape>();
  const b = buckets.get(schema);
  if (b === undefined) return out;
  for (const r of b.relations)
    out.set(`relation\0${r.name}`, {
      what: r.kind,
      columns: r.columns.map((c) => `${c.name}:${spell(c.type.formatted)}`),
    });
  // A serial's or an identity's sequence goes with its table: counted once, as the table.
  for (const q of b.sequences)
    if (q.ownedBy === null)
      out.set(`sequence\0${q.name}`, { what: [q.dataType, q.increment, q.identity].join('\0') });
  for (const f of b.functions) {
    const args = spell(f.identityArgs);
    out.set(`function\0${f.name}\0${args}`, {
      what: [f.kind, f.language, args, spell(f.returns.text ?? f.returns.type.formatted)].join('\0'),
    });
  }
  for (const t of b.types)
    out.set(`type\0${t.name}`, {
      what: [
        t.kind,
        ...t.labels,
        ...t.attributes.map((a) => `${a.name}:${spell(a.type.formatted)}`),
        spell(t.domain?.baseType.formatted ?? ''),
      ].join('\0'),
    });
  for (const c of b.collations)
    out.set(`collation\0${c.name}`, { what: [c.provider, c.locale, c.collate, c.ctype].join('\0') });
  return out;
}

interface Shape {
  /** What the object is, all but a relation's columns. */
  readonly what: string;
  /** A relation's columns as `name:type`. */
  readonly columns?: readonly string[];
}

/** How alike two objects of the same kind and name are: 1 the same, 0 nothing alike but the name. */
function likeness(a: Shape, b: Shape): number {
  if (a.what !== b.what) return 0;
  if (a.columns === undefined || b.columns === undefined) return 1;
  const mine = new Set(a.columns);
  const common = b.columns.filter((c) => mine.has(c)).length;
  return common / Math.max(a.columns.length, b.columns.length, 1);
}

/**
 * How alike the contents of schema `a` (FROM) and schema `b` (TO) are, 0..1, over the larger schema's count of
 * objects: an object of the same kind and name on both sides counts half for its name and half for its likeness
 * (a table by its columns, as a renamed table is found; anything else by its definition); one left over that is
 * alike one left over on the other side (renamed inside the schema) counts RENAMED_INSIDE of its likeness. So a
 * schema keeps most of its score with a few objects changed, renamed, added or gone, while two schemas need
 * objects of the same name to score SCHEMA_RENAME_SIMILARITY: those that share none stay under it.
 */
export function schemaSimilarity(from: Catalog, a: string, to: Catalog, b: string): number {
  return similarity(bucketed(from, new Set([a])), a, bucketed(to, new Set([b])), b);
}

/** What an object alike one of another name counts (below half: names shared are what make a schema the same). */
const RENAMED_INSIDE = 0.4;

function similarity(from: Buckets, a: string, to: Buckets, b: string): number {
  const mine = contents(from, a, (text) => respellSchema(text, a, b));
  const theirs = contents(to, b, (text) => text);
  const size = Math.max(mine.size, theirs.size);
  if (size === 0) return 0;
  let score = 0;
  const left = new Map(theirs);
  const unmatched: [string, Shape][] = [];
  for (const [k, x] of mine) {
    const y = theirs.get(k);
    if (y === undefined) unmatched.push([k, x]);
    else {
      score += (1 + likeness(x, y)) / 2;
      left.delete(k);
    }
  }
  // Objects renamed inside it, paired greedily by kind; only when they could lift the score over the line (under
  // it, the score says what the names alone make).
  if ((score + RENAMED_INSIDE * Math.min(unmatched.length, left.size)) / size < SCHEMA_RENAME_SIMILARITY)
    return score / size;
  const kindOf = (k: string) => k.slice(0, k.indexOf('\0'));
  for (const [k, x] of unmatched) {
    let best: { key: string; likeness: number } | null = null;
    for (const [l, y] of left) {
      if (kindOf(l) !== kindOf(k)) continue;
      const n = likeness(x, y);
      if (n >= 0.5 && (best === null || n > best.likeness)) best = { key: l, likeness: n };
    }
    if (best === null) continue;
    score += RENAMED_INSIDE * best.likeness;
    left.delete(best.key);
  }
  return score / size;
}

/** A schema counts as renamed from this alike on (as a table is by its columns). */
export const SCHEMA_RENAME_SIMILARITY = 0.5;

/**
 * Schemas that look renamed: one gone from FROM and one new in TO whose contents are alike (schemaSimilarity).
 * Empty schemas are never offered: there is nothing of theirs to keep.
 */
export function schemaRenameCandidates(from: Catalog, to: Catalog): RenameCandidate[] {
  const fromNames = new Set(from.schemas.map((s) => s.name));
  const toNames = new Set(to.schemas.map((s) => s.name));
  const gone = new Set([...fromNames].filter((s) => !toNames.has(s)));
  const added = new Set([...toNames].filter((s) => !fromNames.has(s)));
  if (gone.size === 0 || added.size === 0) return [];
  const mine = bucketed(from, gone);
  const theirs = bucketed(to, added);
  const out: RenameCandidate[] = [];
  for (const a of gone)
    for (const b of added) {
      const sim = similarity(mine, a, theirs, b);
      if (sim >= SCHEMA_RENAME_SIMILARITY)
        out.push({ kind: 'schema', from: refs.schema(a), to: refs.schema(b), similarity: sim });
    }
  return out;
}
