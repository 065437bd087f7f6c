import type { DiffOptions } from '../../../shared/diff/migration.js';
import {
  isEventTriggerRef,
  sameRef,
  type Catalog,
  type Collation,
  type Dependency,
  type FunctionInfo,
  type ObjectRef,
  type Policy,
  type Publication,
  type Relation,
  type Sequence,
  type StatisticsObject,
  type UserType,
} from '../../../shared/model/catalog.js';
import { collationUses, typeUses } from '../../ddl/database-ddl.js';
import { modelLookup, type ModelLookup } from '../../ddl/model-lookup.js';
import { refs } from '../../ddl/statement.js';
import { RefIndex } from './ref-index.js';

/** One side of the diff: the model cut to the options' scope, with the lookups every kind's diff needs. */
export interface Side {
  readonly model: Catalog;
  readonly lookup: ModelLookup;
  readonly relations: ReadonlyMap<string, Relation>;
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  readonly types: ReadonlyMap<string, UserType>;
  readonly sequences: ReadonlyMap<string, Sequence>;
  readonly policies: ReadonlyMap<string, readonly Policy[]>;
  /** Collations and extended statistics by relKey (empty when the model was read before they were). */
  readonly collations: ReadonlyMap<string, Collation>;
  readonly statistics: ReadonlyMap<string, StatisticsObject>;
  /** Every edge (the model's plus the type uses it does not carry), extension members lifted to their extension. */
  readonly dependencies: readonly Dependency[];
  /** Edges by the object depended on (`to`, members stripped). */
  readonly dependants: { get(ref: ObjectRef): readonly Dependency[] | undefined };
}

export const relKey = (schema: string, name: string): string => `${schema}\0${name}`;
export const fnKey = (f: Pick<FunctionInfo, 'schema' | 'name' | 'identityArgs'>): string =>
  `${f.schema}\0${f.name}\0${f.identityArgs}`;

/** A range type's constructors are made by CREATE TYPE … AS RANGE: never diffed on their own. */
export const isRangeConstructor = (f: FunctionInfo): boolean =>
  f.language === 'internal' && /^(multi)?range_constructor\d$/.test(f.source ?? '');

/** The schemas the diff compares on this side: the asked ones, else every schema no extension made. */
export function schemaScope(model: Catalog, options: DiffOptions): (schema: string) => boolean {
  const own = new Set(model.schemas.filter((s) => s.extension === null).map((s) => s.name));
  const asked = options.schemas !== undefined ? new Set(options.schemas) : undefined;
  return (s) => (asked === undefined ? own.has(s) : asked.has(s) && own.has(s));
}

export function strip(ref: ObjectRef): ObjectRef {
  if (isEventTriggerRef(ref)) return ref;
  switch (ref.kind) {
    case 'column':
    case 'constraint':
    case 'index':
    case 'trigger':
    case 'policy':
    case 'rule':
      return refs.relation(ref.schema ?? '', ref.name);
    default:
      return ref.member === undefined
        ? ref
        : {
            kind: ref.kind,
            schema: ref.schema,
            name: ref.name,
            ...(ref.args !== undefined ? { args: ref.args } : {}),
          };
  }
}

/** `list.filter(keep)`, or `list` itself when it keeps everything (the usual case: no copy of 10⁵ grants). */
function scoped<T>(list: readonly T[], keep: (x: T) => boolean): readonly T[] {
  return list.every(keep) ? list : list.filter(keep);
}

/**
 * Publications are database-wide: each keeps its members in scope, and is left out when it names members but
 * none in scope (`--schema api` leaves out one of audit's tables only).
 */
function scopedPublications(
  list: readonly Publication[],
  inScope: (schema: string) => boolean,
): Publication[] {
  const out: Publication[] = [];
  for (const p of list) {
    const tables = p.tables.filter((t) => inScope(t.schema));
    const schemas = p.schemas.filter(inScope);
    const named = p.tables.length + p.schemas.length;
    if (named > 0 && tables.length + schemas.length === 0) continue;
    out.push(named === tables.length + schemas.length ? p : { ...p, tables, schemas });
  }
  return out;
}

export function buildSide(full: Catalog, inScope: (schema: string) => boolean): Side {
  const keep = <T extends { schema: string; extension?: string | null }>(x: T) =>
    inScope(x.schema) && (x.extension ?? null) === null;
  const model: Catalog = {
    ...full,
    schemas: scoped(full.schemas, (s) => s.extension === null && inScope(s.name)),
    relations: scoped(full.relations, keep),
    sequences: scoped(full.sequences, keep),
    functions: scoped(full.functions, (f) => keep(f) && !isRangeConstructor(f)),
    types: scoped(full.types, keep),
    policies: scoped(full.policies, (p) => inScope(p.schema)),
    // Languages are database-wide and serve every schema's functions: their privileges whatever the scope.
    grants: scoped(full.grants, (g) =>
      g.object.kind === 'schema'
        ? inScope(g.object.name)
        : g.object.kind === 'language' || (g.object.schema !== null && inScope(g.object.schema)),
    ),
    defaultPrivileges: scoped(full.defaultPrivileges, (d) => d.schema === null || inScope(d.schema)),
    // Database-wide, but scoped with their function: `--schema api` leaves out a trigger of audit.log_ddl().
    eventTriggers: scoped(full.eventTriggers ?? [], (e) => inScope(e.function.schema)),
    // Absent (a model read before they were) stays absent: not compared rather than all added or dropped.
    ...(full.collations !== undefined ? { collations: full.collations.filter(keep) } : {}),
    ...(full.statistics !== undefined
      ? { statistics: full.statistics.filter((x) => inScope(x.schema) && inScope(x.table.schema)) }
      : {}),
    ...(full.publications !== undefined
      ? { publications: scopedPublications(full.publications, inScope) }
      : {}),
  };
  // Extension members: an edge to one is an edge to its extension (the extension is what gets created).
  const extensionOf = new RefIndex<string>();
  for (const t of full.types)
    if (t.extension !== null) extensionOf.set(refs.type(t.schema, t.name), t.extension);
  for (const f of full.functions)
    if (f.extension !== null) extensionOf.set(refs.function(f.schema, f.name, f.identityArgs), f.extension);
  for (const r of full.relations)
    if (r.extension !== null) extensionOf.set(refs.relation(r.schema, r.name), r.extension);
  for (const s of full.sequences)
    if (s.extension !== null) extensionOf.set(refs.sequence(s.schema, s.name), s.extension);
  const lift = (ref: ObjectRef): ObjectRef => {
    const s = strip(ref);
    const ext = extensionOf.get(s);
    return ext !== undefined ? refs.extension(ext) : s;
  };
  const dependencies: Dependency[] = [];
  const dependants = new RefIndex<Dependency[]>();
  const noExtensions = extensionOf.size === 0;
  const add = (d: Dependency) => {
    const from = noExtensions ? strip(d.from) : lift(d.from);
    const to = noExtensions ? strip(d.to) : lift(d.to);
    if (sameRef(from, to)) return;
    const e: Dependency = from === d.from && to === d.to ? d : { ...d, from, to };
    dependencies.push(e);
    const list = dependants.get(to);
    if (list === undefined) dependants.set(to, [e]);
    else list.push(e);
  };
  // Index loops: for…of allocates an iterator result per edge where the loop is not optimised.
  const edges = full.dependencies;
  for (let i = 0; i < edges.length; i++) add(edges[i]!);
  const uses = typeUses(full);
  for (let i = 0; i < uses.length; i++) add(uses[i]!);
  const collations = collationUses(full);
  for (let i = 0; i < collations.length; i++) add(collations[i]!);
  const lookup = modelLookup(model);
  return {
    model,
    lookup,
    // The lookup's own maps (keyed as relKey is): built once per side.
    relations: lookup.relations,
    functions: new Map(model.functions.map((f) => [fnKey(f), f])),
    types: new Map(model.types.map((t) => [relKey(t.schema, t.name), t])),
    sequences: new Map(model.sequences.map((s) => [relKey(s.schema, s.name), s])),
    policies: lookup.policyGroups,
    collations: new Map((model.collations ?? []).map((c) => [relKey(c.schema, c.name), c])),
    statistics: new Map((model.statistics ?? []).map((s) => [relKey(s.schema, s.name), s])),
    dependencies,
    dependants,
  };
}
