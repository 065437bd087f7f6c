import { refKey, type Collation, type Column, type Relation } from '../../../shared/model/catalog.js';
import { collationTarget } from '../../ddl/collations.js';
import { collationPhases, LATE } from '../../ddl/object-phases.js';
import { refs } from '../../ddl/statement.js';
import { alterColumnType } from '../../ddl/tables.js';
import { dropObject, renameTo } from '../../ddl/target.js';
import { retyped, same } from './compare.js';
import type { Diff } from './context.js';
import { columnChangeId } from './dependants.js';
import { ownerAndComment } from './emit-owner-comment.js';
import { emitPhases } from './emit-relations.js';
import { markRebuilt, rebuildable } from './classify.js';
import { inheritedColumns, isTable } from './kinds.js';
import { suffixedName } from './names.js';
import { hazard } from './plan.js';
import { relKey } from './side.js';

/** What CREATE COLLATION writes (the version is the library's, never written). */
const body = (c: Collation) => [c.provider, c.deterministic, c.locale, c.collate, c.ctype, c.icuRules];

/** Both sides' collations, or null when either model was read before collations were (then not compared). */
function sides(d: Diff): { from: ReadonlyMap<string, Collation>; to: ReadonlyMap<string, Collation> } | null {
  if (d.from.model.collations === undefined || d.to.model.collations === undefined) return null;
  return d.wants('collation') ? { from: d.from.collations, to: d.to.collations } : null;
}

/**
 * The columns a collation's rebuild moves with ALTER TYPE … COLLATE: those of tables that stay (and are altered in
 * place) that use it in FROM and still do in TO. A partition's and an inheritance child's inherited columns move
 * with their parent's ALTER; a column of a type rebuilt around it (a domain with that collation) moves with the
 * type.
 */
function columnsUsing(d: Diff, c: Collation): { table: Relation; column: Column }[] {
  const out: { table: Relation; column: Column }[] = [];
  const typesRebuilt = new Set<number>();
  for (const t of d.from.types.values())
    if (d.typeRebuilt.has(refKey(refs.type(t.schema, t.name)))) {
      typesRebuilt.add(t.oid);
      if (t.arrayOid !== null) typesRebuilt.add(t.arrayOid);
    }
  for (const r of d.from.relations.values()) {
    if (!isTable(r) || r.partitionOf !== null) continue;
    const ref = refs.relation(r.schema, r.name);
    if (d.isDropped(ref) || d.rebuilt.has(refKey(ref))) continue;
    const next = d.to.relations.get(relKey(r.schema, r.name));
    const inherited = inheritedColumns(d.from, r);
    for (const col of r.columns) {
      if (col.collation !== c.name || col.collationSchema !== c.schema) continue;
      if (inherited.has(col.name) || typesRebuilt.has(col.type.oid)) continue;
      const n = next?.columns.find((x) => x.name === col.name);
      if (n !== undefined && !retyped(col, n)) out.push({ table: r, column: col });
    }
  }
  return out;
}

/** Whether a column of a table that stays loses its storage and compression to a collation rebuilt under it. */
export function recollated(d: Diff, c: Column): boolean {
  return (
    c.collationSchema !== undefined && d.collationRebuilt.has(relKey(c.collationSchema, c.collation ?? ''))
  );
}

/**
 * Before the dependants pass: a collation whose definition changes while something uses it is rebuilt around its
 * users (renamed away, created anew, the users moved over, the old one dropped). It counts as recreated, so the
 * dependants pass follows its use edges (collationUses): views that spell it are dropped and recreated, types
 * rebuilt, indexes, constraints and policies that spell it recreated. The table columns it moves count as
 * retyped, so views and policies over them go around the move too.
 */
export function classifyCollations(d: Diff): void {
  const s = sides(d);
  if (s === null) return;
  for (const [k, a] of s.from) {
    const b = s.to.get(k);
    if (b === undefined || same(body(a), body(b))) continue;
    const t = collationTarget(a);
    if ((d.from.dependants.get(t.object) ?? []).length === 0) continue;
    try {
      collationPhases(b);
    } catch {
      continue; // left as it is, named unwritable by emitCollations
    }
    const id = rebuildChange(d, a);
    d.collationRebuilt.set(k, { changeId: id, spelt: `COLLATE ${t.name}` });
    d.markRecreated(t.object, { changeId: id, cause: null, because: null });
    rebuildForGenerated(d, id);
    for (const r of d.from.relations.values()) {
      if (!isTable(r)) continue;
      const cols = r.columns.filter((c) => c.collation === a.name && c.collationSchema === a.schema);
      if (cols.length === 0) continue;
      const ref = refs.relation(r.schema, r.name);
      const tk = refKey(ref);
      if (d.isDropped(ref) || d.rebuilt.has(tk)) continue;
      const touched = new Set([...(d.touchedColumns.get(tk) ?? []), ...cols.map((c) => c.name)]);
      d.touchedColumns.set(tk, touched);
      d.touched.set(tk, [...touched].join(', '));
    }
  }
}

/**
 * Before 17 a generated column's expression cannot be set anew (SET EXPRESSION is 17's): a table whose generated
 * column spells a collation rebuilt under it is rebuilt with its rows, in its column order, and computes the
 * column with the new collation. From 17 the column is altered in place (alterColumn).
 */
function rebuildForGenerated(d: Diff, collationChange: string): void {
  if (d.major >= 17) return;
  for (const [k, r] of d.from.relations) {
    const next = d.to.relations.get(k);
    const ref = refs.relation(r.schema, r.name);
    if (next === undefined || d.isDropped(ref) || d.rebuilt.has(refKey(ref))) continue;
    const uses = r.columns.filter((c) => c.generation !== null && d.spellsRebuiltCollation(c.generation));
    if (uses.length === 0 || !rebuildable(d, r, next)) continue;
    const one = uses.length === 1;
    markRebuilt(
      d,
      r,
      `rebuild ${r.schema}.${r.name} with its rows: its generated ${one ? 'column' : 'columns'} ${uses.map((c) => c.name).join(', ')} ${one ? 'uses' : 'use'} a collation rebuilt under it (SET EXPRESSION needs PostgreSQL 17)`,
      { changeId: collationChange, because: 'its collation is recreated' },
    );
  }
}

function rebuildChange(d: Diff, a: Collation): string {
  const ref = refs.collation(a.schema, a.name);
  return d.plan.change({
    action: 'rebuild',
    kind: 'collation',
    object: ref,
    summary: `recreate collation ${a.schema}.${a.name}: its provider, locale or determinism changes`,
    fromSql: d.sql(d.from, ref),
    toSql: d.sql(d.to, ref),
  });
}

/**
 * Collations created before the types and tables that use them and dropped after (their edges are in the side's
 * dependencies, see collationUses); a changed definition is a drop and a create, or the rebuild above when
 * anything uses it; owner and comment in place.
 */
export function emitCollations(d: Diff): void {
  const s = sides(d);
  if (s === null) return;
  for (const [k, a] of s.from) {
    const t = collationTarget(a);
    const b = s.to.get(k);
    if (b === undefined) {
      const id = d.plan.change({
        action: 'drop',
        kind: 'collation',
        object: t.object,
        summary: `drop collation ${a.schema}.${a.name}`,
        fromSql: d.sql(d.from, t.object),
      });
      d.plan.add('drop', dropObject(t), id);
      d.markDropped(t.object, id);
      continue;
    }
    if (!same(body(a), body(b))) {
      rebuildCollation(d, a, b);
      continue;
    }
    ownerAndComment(d, t, a, b, { what: 'collation' });
  }
  for (const [k, b] of s.to) {
    if (s.from.has(k)) continue;
    const ref = refs.collation(b.schema, b.name);
    const id = d.plan.change({
      action: 'add',
      kind: 'collation',
      object: ref,
      summary: `create collation ${b.schema}.${b.name}`,
      toSql: d.sql(d.to, ref),
    });
    d.writing(id, ref, () => emitPhases(d, collationPhases(b), id));
  }
}

function rebuildCollation(d: Diff, a: Collation, b: Collation): void {
  const t = collationTarget(a);
  const rebuilt = d.collationRebuilt.get(relKey(a.schema, a.name));
  const id = rebuilt?.changeId ?? rebuildChange(d, a);
  let phases: ReturnType<typeof collationPhases>;
  try {
    phases = collationPhases(b);
  } catch (error) {
    // Left as it is (not dropped) when the new one cannot be written.
    d.writing(id, t.object, () => {
      throw error;
    });
    return;
  }
  if (rebuilt === undefined) {
    // Nothing uses it: dropped and created.
    d.plan.add('drop', dropObject(t), id);
    emitPhases(d, phases, id);
    return;
  }
  const old = suffixedName(a.name, 'gh_old');
  d.plan.add('drop', renameTo(t, old), id);
  emitPhases(d, phases, id);
  for (const { table, column } of columnsUsing(d, a)) {
    const changeId = columnChangeId(d, refs.relation(table.schema, table.name));
    d.plan.require(changeId, id);
    d.plan.add(
      'main',
      alterColumnType(table.schema, table.name, column.name, column.type.formatted, undefined, {
        collation: a.name,
        collationSchema: a.schema,
      }),
      changeId,
      [
        hazard(
          'access_exclusive_lock',
          `${table.schema}.${table.name} is locked while ${column.name}'s indexes are rebuilt`,
        ),
      ],
    );
  }
  // After every user moved (main phase; indexes, constraints and policies recreated over it were dropped first),
  // and after the old copies of types rebuilt over it.
  d.plan.add(
    'late',
    dropObject({ ...t, name: collationTarget({ schema: a.schema, name: old }).name }),
    id,
    [],
    LATE.oldCollation,
  );
}
