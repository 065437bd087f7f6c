import {
  refKey,
  type Catalog,
  type Grant,
  type ObjectRef,
  type Policy,
  type Relation,
  type Sequence,
  type StatisticsObject,
} from '../../shared/model/catalog.js';

/** The lookups the writers need, built once per model (every list of the model is scanned once). */
export interface ModelLookup {
  readonly model: Catalog;
  /** The major version the DDL is for (the model's own server unless told otherwise). */
  readonly serverMajor: number;
  /** Grants on the object itself, by refKey (columns are under their relation, see columnGrants). */
  grantsOf(ref: ObjectRef): readonly Grant[];
  /** Column grants of a relation. */
  columnGrantsOf(schema: string, name: string): readonly Grant[];
  /** Every object's own grants by refKey, and column grants by `schema\0relation` (the diff walks them). */
  readonly grantGroups: ReadonlyMap<string, readonly Grant[]>;
  readonly columnGrantGroups: ReadonlyMap<string, readonly Grant[]>;
  policiesOf(schema: string, table: string): readonly Policy[];
  /** The extended statistics objects on a table. */
  statisticsOf(schema: string, table: string): readonly StatisticsObject[];
  relation(schema: string, name: string): Relation | undefined;
  /** Identity sequences of a table by column name. */
  identitySequences(schema: string, table: string): ReadonlyMap<string, Sequence>;
  /** How many partition ancestors a relation has (0 for a table that is not a partition). */
  partitionDepth(r: Relation): number;
}

const key2 = (a: string, b: string) => `${a}\0${b}`;

export function modelLookup(model: Catalog, serverMajor = model.server.major): ModelLookup {
  const grants = new Map<string, Grant[]>();
  const columnGrants = new Map<string, Grant[]>();
  for (const g of model.grants) {
    if (g.object.kind === 'column') {
      const k = key2(g.object.schema ?? '', g.object.name);
      const list = columnGrants.get(k) ?? [];
      list.push(g);
      columnGrants.set(k, list);
    } else {
      // refKey of the object without its member, spelt out: this runs once per grant (tens of thousands).
      const o = g.object;
      const k = `${o.kind}\0${o.schema ?? ''}\0${o.name}\0\0${o.args ?? ''}`;
      const list = grants.get(k) ?? [];
      list.push(g);
      grants.set(k, list);
    }
  }
  const policies = new Map<string, Policy[]>();
  for (const p of model.policies) {
    const k = key2(p.schema, p.table);
    const list = policies.get(k) ?? [];
    list.push(p);
    policies.set(k, list);
  }
  const statistics = new Map<string, StatisticsObject[]>();
  for (const s of model.statistics ?? []) {
    const k = key2(s.table.schema, s.table.name);
    const list = statistics.get(k) ?? [];
    list.push(s);
    statistics.set(k, list);
  }
  const relations = new Map(model.relations.map((r) => [key2(r.schema, r.name), r]));
  const identity = new Map<string, Map<string, Sequence>>();
  for (const s of model.sequences) {
    if (!s.identity || s.ownedBy === null) continue;
    const k = key2(s.ownedBy.schema, s.ownedBy.table);
    const m = identity.get(k) ?? new Map<string, Sequence>();
    m.set(s.ownedBy.column, s);
    identity.set(k, m);
  }
  const depth = (r: Relation, seen = 0): number => {
    if (r.partitionOf === null || seen > 64) return 0;
    const parent = relations.get(key2(r.partitionOf.schema, r.partitionOf.name));
    return parent === undefined ? 1 : 1 + depth(parent, seen + 1);
  };
  const none: readonly never[] = [];
  return {
    model,
    serverMajor,
    grantsOf: (ref) => grants.get(refKey({ ...ref, member: undefined })) ?? none,
    columnGrantsOf: (schema, name) => columnGrants.get(key2(schema, name)) ?? none,
    grantGroups: grants,
    columnGrantGroups: columnGrants,
    policiesOf: (schema, table) => policies.get(key2(schema, table)) ?? none,
    statisticsOf: (schema, table) => statistics.get(key2(schema, table)) ?? none,
    relation: (schema, name) => relations.get(key2(schema, name)),
    identitySequences: (schema, table) => identity.get(key2(schema, table)) ?? new Map(),
    partitionDepth: (r) => depth(r),
  };
}
