import {
  refKey,
  sameRef,
  type Catalog,
  type Column,
  type Constraint,
  type Dependency,
  type ForeignKey,
  type FunctionInfo,
  type Grant,
  type Membership,
  type ObjectRef,
  type Policy,
  type Relation,
  type Role,
  type SchemaInfo,
  type Sequence,
  type UserType,
} from './catalog.js';

/** One foreign key seen from either end: the referencing relation, its constraint, and the referenced one. */
export interface ForeignKeyEdge {
  readonly table: Relation;
  readonly constraint: Constraint;
  readonly foreignKey: ForeignKey;
  /** Undefined when the referenced relation is outside the read schemas. */
  readonly referenced: Relation | undefined;
}

/**
 * Constant-time lookups over one catalog model, built once (Maps keyed by schema + name). The act-as
 * planner and the panels use it instead of scanning arrays. The model is immutable, so the index is cached
 * per model: `catalogIndex(catalog)` twice returns the same object.
 */
export interface CatalogIndex {
  readonly catalog: Catalog;
  schema(name: string): SchemaInfo | undefined;
  /** The objects of one schema, each list in model order. */
  inSchema(schema: string): SchemaContents;
  relation(schema: string, name: string): Relation | undefined;
  relationByOid(oid: number): Relation | undefined;
  columns(schema: string, name: string): readonly Column[];
  column(schema: string, table: string, column: string): Column | undefined;
  /** Foreign keys declared on the relation (it references others). */
  foreignKeysFrom(schema: string, name: string): readonly ForeignKeyEdge[];
  /** Foreign keys of other relations (or itself) that reference this relation. */
  foreignKeysTo(schema: string, name: string): readonly ForeignKeyEdge[];
  primaryKey(schema: string, name: string): readonly string[];
  /** All overloads of schema.name. */
  functions(schema: string, name: string): readonly FunctionInfo[];
  functionByOid(oid: number): FunctionInfo | undefined;
  /** One overload by its identity arguments (`pg_get_function_identity_arguments`). */
  functionOverload(schema: string, name: string, identityArgs: string): FunctionInfo | undefined;
  sequence(schema: string, name: string): Sequence | undefined;
  type(schema: string, name: string): UserType | undefined;
  typeByOid(oid: number): UserType | undefined;
  role(name: string): Role | undefined;
  /** Memberships where `member` is the member (the roles it belongs to directly). */
  membershipsOf(member: string): readonly Membership[];
  /** Memberships where `role` is the granted role (its direct members). */
  membersOf(role: string): readonly Membership[];
  policies(schema: string, table: string): readonly Policy[];
  grantsOn(object: ObjectRef): readonly Grant[];
  /** The column grants of one relation (every column's, in model order). */
  columnGrantsOf(schema: string, table: string): readonly Grant[];
  /** Grants whose grantee is this role name, or PUBLIC for null. */
  grantsTo(role: string | null): readonly Grant[];
  dependenciesOf(object: ObjectRef): readonly Dependency[];
  dependentsOf(object: ObjectRef): readonly Dependency[];
}

/** What one schema holds. */
export interface SchemaContents {
  readonly relations: readonly Relation[];
  readonly functions: readonly FunctionInfo[];
  readonly sequences: readonly Sequence[];
  readonly types: readonly UserType[];
}

const key = (schema: string, name: string): string => `${schema}\0${name}`;
const EMPTY: readonly never[] = Object.freeze([]);
const EMPTY_SCHEMA: SchemaContents = Object.freeze({
  relations: EMPTY,
  functions: EMPTY,
  sequences: EMPTY,
  types: EMPTY,
});

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [v]);
  else list.push(v);
}

function build(catalog: Catalog): CatalogIndex {
  const relations = new Map<string, Relation>();
  const relationsByOid = new Map<number, Relation>();
  const columns = new Map<string, Map<string, Column>>();
  for (const r of catalog.relations) {
    const k = key(r.schema, r.name);
    relations.set(k, r);
    relationsByOid.set(r.oid, r);
    columns.set(k, new Map(r.columns.map((c) => [c.name, c])));
  }
  const fksFrom = new Map<string, ForeignKeyEdge[]>();
  const fksTo = new Map<string, ForeignKeyEdge[]>();
  for (const r of catalog.relations) {
    for (const c of r.constraints) {
      if (c.foreignKey === null) continue;
      const toKey = key(c.foreignKey.table.schema, c.foreignKey.table.name);
      const edge: ForeignKeyEdge = {
        table: r,
        constraint: c,
        foreignKey: c.foreignKey,
        referenced: relations.get(toKey),
      };
      push(fksFrom, key(r.schema, r.name), edge);
      push(fksTo, toKey, edge);
    }
  }
  const functions = new Map<string, FunctionInfo[]>();
  const functionsByOid = new Map<number, FunctionInfo>();
  for (const f of catalog.functions) {
    push(functions, key(f.schema, f.name), f);
    functionsByOid.set(f.oid, f);
  }
  const sequences = new Map(catalog.sequences.map((s) => [key(s.schema, s.name), s]));
  const types = new Map(catalog.types.map((t) => [key(t.schema, t.name), t]));
  const typesByOid = new Map(catalog.types.map((t) => [t.oid, t]));
  const roles = new Map(catalog.roles.map((r) => [r.name, r]));
  const membershipsOf = new Map<string, Membership[]>();
  const membersOf = new Map<string, Membership[]>();
  for (const m of catalog.memberships) {
    push(membershipsOf, m.member, m);
    push(membersOf, m.role, m);
  }
  const policies = new Map<string, Policy[]>();
  for (const p of catalog.policies) push(policies, key(p.schema, p.table), p);
  const grantsOn = new Map<string, Grant[]>();
  const grantsTo = new Map<string | null, Grant[]>();
  const columnGrants = new Map<string, Grant[]>();
  // The model orders grants by object: a run of grants on one object shares one list (and one key).
  let last: ObjectRef | null = null;
  let onLast: Grant[] = [];
  for (const g of catalog.grants) {
    const o = g.object;
    if (last === null || !sameRef(o, last)) {
      const k = refKey(o);
      let list = grantsOn.get(k);
      if (list === undefined) grantsOn.set(k, (list = []));
      onLast = list;
      last = o;
    }
    onLast.push(g);
    if (o.kind === 'column' && o.schema !== null) push(columnGrants, key(o.schema, o.name), g);
    push(grantsTo, g.grantee.kind === 'public' ? null : g.grantee.name, g);
  }
  const schemas = new Map(catalog.schemas.map((s) => [s.name, s]));
  const contents = new Map<
    string,
    { relations: Relation[]; functions: FunctionInfo[]; sequences: Sequence[]; types: UserType[] }
  >();
  const contentsOf = (schema: string) => {
    let c = contents.get(schema);
    if (c === undefined) {
      c = { relations: [], functions: [], sequences: [], types: [] };
      contents.set(schema, c);
    }
    return c;
  };
  for (const r of catalog.relations) contentsOf(r.schema).relations.push(r);
  for (const f of catalog.functions) contentsOf(f.schema).functions.push(f);
  for (const q of catalog.sequences) contentsOf(q.schema).sequences.push(q);
  for (const t of catalog.types) contentsOf(t.schema).types.push(t);
  const overloads = new Map(catalog.functions.map((f) => [`${key(f.schema, f.name)}\0${f.identityArgs}`, f]));
  const depsFrom = new Map<string, Dependency[]>();
  const depsTo = new Map<string, Dependency[]>();
  for (const d of catalog.dependencies) {
    push(depsFrom, refKey(d.from), d);
    push(depsTo, refKey(d.to), d);
  }

  return {
    catalog,
    schema: (name) => schemas.get(name),
    inSchema: (schema) => contents.get(schema) ?? EMPTY_SCHEMA,
    relation: (schema, name) => relations.get(key(schema, name)),
    relationByOid: (oid) => relationsByOid.get(oid),
    columns: (schema, name) => relations.get(key(schema, name))?.columns ?? EMPTY,
    column: (schema, table, column) => columns.get(key(schema, table))?.get(column),
    foreignKeysFrom: (schema, name) => fksFrom.get(key(schema, name)) ?? EMPTY,
    foreignKeysTo: (schema, name) => fksTo.get(key(schema, name)) ?? EMPTY,
    primaryKey: (schema, name) =>
      relations.get(key(schema, name))?.constraints.find((c) => c.kind === 'primary_key')?.columns ?? EMPTY,
    functions: (schema, name) => functions.get(key(schema, name)) ?? EMPTY,
    functionByOid: (oid) => functionsByOid.get(oid),
    functionOverload: (schema, name, identityArgs) => overloads.get(`${key(schema, name)}\0${identityArgs}`),
    sequence: (schema, name) => sequences.get(key(schema, name)),
    type: (schema, name) => types.get(key(schema, name)),
    typeByOid: (oid) => typesByOid.get(oid),
    role: (name) => roles.get(name),
    membershipsOf: (member) => membershipsOf.get(member) ?? EMPTY,
    membersOf: (role) => membersOf.get(role) ?? EMPTY,
    policies: (schema, table) => policies.get(key(schema, table)) ?? EMPTY,
    grantsOn: (object) => grantsOn.get(refKey(object)) ?? EMPTY,
    columnGrantsOf: (schema, table) => columnGrants.get(key(schema, table)) ?? EMPTY,
    grantsTo: (role) => grantsTo.get(role) ?? EMPTY,
    dependenciesOf: (object) => depsFrom.get(refKey(object)) ?? EMPTY,
    dependentsOf: (object) => depsTo.get(refKey(object)) ?? EMPTY,
  };
}

const cache = new WeakMap<Catalog, CatalogIndex>();

/** The index of a catalog model, built on first use and cached for the model's lifetime. */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = cache.get(catalog);
  if (index === undefined) {
    index = build(catalog);
    cache.set(catalog, index);
  }
  return index;
}
