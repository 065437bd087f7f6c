import type { Catalog, TypeRef } from '../../../shared/model/catalog.js';

/**
 * OIDs differ between two databases built from the same DDL and between two builds of one database, so a
 * snapshot carries none: every OID of a user object (≥ FirstNormalObjectId, 16384) is replaced by a synthetic
 * id, the same for every mention of the same object, numbered in the order of a key built from names
 * (`class:public.users`, `type:public._mood`, `proc:api.f(integer)`), from 3,000,000,000 up. Built-in OIDs (int4 = 23) are
 * constants of PostgreSQL and stay. The result is a valid Catalog: consumers that join by OID (a column's
 * type to its user type, a function's return to a row type) still find each other.
 */

const FIRST_NORMAL_OID = 16384;
/** Synthetic ids start far above any OID a real cluster hands out, so one is never mistaken for the other. */
const FIRST_SYNTHETIC_ID = 3_000_000_000;
const OID_FIELDS = new Set(['oid', 'elementOid', 'arrayOid', 'rowTypeOid']);

function isTypeRef(value: object): value is TypeRef {
  return 'oid' in value && 'formatted' in value && 'isArray' in value;
}

/** Candidate keys per user OID, from the objects that carry or mention it. */
function keysOf(model: Catalog): Map<number, string[]> {
  const keys = new Map<number, string[]>();
  const add = (oid: number | null, key: string) => {
    if (oid === null || oid < FIRST_NORMAL_OID) return;
    const list = keys.get(oid);
    if (list) list.push(key);
    else keys.set(oid, [key]);
  };
  add(model.database.oid, 'database');
  for (const r of model.roles) add(r.oid, `role:${r.name}`);
  for (const s of model.schemas) add(s.oid, `schema:${s.name}`);
  for (const e of model.extensions) add(e.oid, `extension:${e.name}`);
  for (const r of model.relations) {
    add(r.oid, `class:${r.schema}.${r.name}`);
    add(r.rowTypeOid, `type:${r.schema}.${r.name}`);
  }
  for (const s of model.sequences) add(s.oid, `class:${s.schema}.${s.name}`);
  for (const f of model.functions) add(f.oid, `proc:${f.schema}.${f.name}(${f.identityArgs})`);
  for (const e of model.eventTriggers ?? []) add(e.oid, `evt:${e.name}`);
  for (const p of model.publications ?? []) add(p.oid, `pub:${p.name}`);
  for (const l of model.languages ?? []) add(l.oid, `lang:${l.name}`);
  for (const t of model.types) {
    add(t.oid, `type:${t.schema}.${t.name}`);
    add(t.arrayOid, `arrayof:${t.schema}.${t.name}`);
  }
  // Type references anywhere (columns, arguments, attributes, domains) name their type.
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (isTypeRef(value)) {
      add(value.oid, `type:${value.schema}.${value.name}`);
      return;
    }
    for (const v of Object.values(value)) visit(v);
  };
  visit(model);
  return keys;
}

/**
 * oid → synthetic id: each OID takes its smallest key; ids follow the keys' order (ties by the old OID), roles
 * last: they are the cluster's, so a role created for another database must not renumber this one's objects.
 */
function renumbering(model: Catalog): Map<number, number> {
  const chosen = [...keysOf(model)].map(([oid, list]) => {
    const key = list.reduce((a, b) => (b < a ? b : a));
    return { oid, key, role: key.startsWith('role:') };
  });
  chosen.sort((a, b) =>
    a.role !== b.role ? (a.role ? 1 : -1) : a.key < b.key ? -1 : a.key > b.key ? 1 : a.oid - b.oid,
  );
  return new Map(chosen.map((c, i) => [c.oid, FIRST_SYNTHETIC_ID + i]));
}

/**
 * The model with canonical ids and without what changes while the schema does not (estimated row counts,
 * which autovacuum updates, and the read timestamp, set to `readAt`). An OID no object names (a type of an
 * excluded schema) still gets an id, keyed by where it is first met.
 */
export function canonicalCatalog(model: Catalog, readAt: string): Catalog {
  const ids = renumbering(model);
  let next = FIRST_SYNTHETIC_ID + ids.size;
  const remap = (oid: number): number => {
    if (oid < FIRST_NORMAL_OID) return oid;
    let id = ids.get(oid);
    if (id === undefined) {
      id = next++;
      ids.set(oid, id);
    }
    return id;
  };
  const copy = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'number' && key !== null && OID_FIELDS.has(key)) return remap(value);
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => copy(v, null));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copy(v, k);
    return out;
  };
  const out = copy(model, null) as Record<string, unknown> & { relations: Record<string, unknown>[] };
  out.readAt = readAt;
  out.relations = out.relations.map((r) => ({ ...r, estimatedRows: null }));
  return out as unknown as Catalog;
}
