import { refKey, refLabel, type Collation, type Relation } from '../../../shared/model/catalog.js';
import { collationRef, collationTarget } from '../../ddl/collations.js';
import { collationPhases } from '../../ddl/object-phases.js';
import { alterColumnType } from '../../ddl/tables.js';
import { commentOn, dropObject, ownerTo, renameTo } from '../../ddl/target.js';
import { retyped, same } from './compare.js';
import type { Diff } from './context.js';
import { columnChangeId } from './dependants.js';
import { emitPhases } from './emit-relations.js';
import { isTable } from './kinds.js';
import { suffixedName } from './names.js';
import { hazard } from './plan.js';
import { relKey } from './side.js';

const key = (c: Pick<Collation, 'schema' | 'name'>) => `${c.schema}\0${c.name}`;
/** What CREATE COLLATION writes (the version is the library's, never written). */
const body = (c: Collation) => [c.provider, c.deterministic, c.locale, c.collate, c.ctype, c.icuRules];

/** Both sides' collations, or null when either model was read before collations were (then not compared). */
function sides(d: Diff): { from: Map<string, Collation>; to: Map<string, Collation> } | null {
  const a = d.from.model.collations;
  const b = d.to.model.collations;
  if (a === undefined || b === undefined || !d.wants('collation')) return null;
  return { from: new Map(a.map((c) => [key(c), c])), to: new Map(b.map((c) => [key(c), c])) };
}

/** The columns of tables that stay (and are altered in place) that use a collation in FROM and still do in TO. */
function columnsUsing(d: Diff, c: Collation): { table: Relation; column: string }[] {
  const out: { table: Relation; column: string }[] = [];
  for (const r of d.from.relations.values()) {
    if (!isTable(r) || r.partitionOf !== null) continue;
    const ref = { kind: 'relation', schema: r.schema, name: r.name } as const;
    if (d.isDropped(ref) || d.rebuilt.has(refKey(ref))) continue;
    const next = d.to.relations.get(relKey(r.schema, r.name));
    for (const col of r.columns) {
      if (col.collation !== c.name || col.collationSchema !== c.schema) continue;
      const n = next?.columns.find((x) => x.name === col.name);
      if (n !== undefined && !retyped(col, n)) out.push({ table: r, column: col.name });
    }
  }
  return out;
}

/**
 * Before the dependants pass: a collation whose definition changes while columns use it is rebuilt around them
 * (renamed away, created anew, the columns moved over with ALTER TYPE … COLLATE, the old one dropped). Those
 * columns count as retyped, so views and policies over them are dropped and recreated around the move.
 */
export function classifyCollations(d: Diff): void {
  const s = sides(d);
  if (s === null) return;
  for (const [k, a] of s.from) {
    const b = s.to.get(k);
    if (b === undefined || same(body(a), body(b))) continue;
    for (const { table, column } of columnsUsing(d, a)) {
      const tk = refKey({ kind: 'relation', schema: table.schema, name: table.name });
      const cols = new Set(d.touchedColumns.get(tk) ?? []);
      cols.add(column);
      d.touchedColumns.set(tk, cols);
      d.touched.set(tk, [...cols].join(', '));
    }
  }
}

/**
 * Collations created before the types and tables that use them and dropped after (their edges are in the side's
 * dependencies, see collationUses); a changed definition is a drop and a create, or the rebuild above when
 * columns use it; owner and comment in place.
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
    if (a.owner !== b.owner && d.wants('owner')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'owner',
        object: t.object,
        summary: `owner of collation ${refLabel(t.object)}: ${a.owner} → ${b.owner}`,
      });
      d.plan.add('main', ownerTo(t, b.owner), id);
    }
    if (a.comment !== b.comment && d.wants('comment')) {
      const id = d.plan.change({
        action: 'alter',
        kind: 'comment',
        object: t.object,
        summary: `comment on collation ${refLabel(t.object)}`,
      });
      d.plan.add('main', commentOn(t, b.comment), id);
    }
  }
  for (const [k, b] of s.to) {
    if (s.from.has(k)) continue;
    const ref = collationRef(b.schema, b.name);
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
  const id = d.plan.change({
    action: 'rebuild',
    kind: 'collation',
    object: t.object,
    summary: `recreate collation ${a.schema}.${a.name}: its provider, locale or determinism changes`,
    fromSql: d.sql(d.from, t.object),
    toSql: d.sql(d.to, t.object),
  });
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
  const using = columnsUsing(d, a);
  if (using.length === 0) {
    d.plan.add('drop', dropObject(t), id);
    emitPhases(d, phases, id);
    return;
  }
  const old = suffixedName(a.name, 'gh_old');
  d.plan.add('drop', renameTo(t, old), id);
  emitPhases(d, phases, id);
  for (const { table, column } of using) {
    const col = table.columns.find((c) => c.name === column);
    if (col === undefined) continue;
    const changeId = columnChangeId(d, { kind: 'relation', schema: table.schema, name: table.name });
    d.plan.require(changeId, id);
    d.plan.add(
      'main',
      alterColumnType(table.schema, table.name, column, col.type.formatted, undefined, {
        collation: a.name,
        collationSchema: a.schema,
      }),
      changeId,
      [
        hazard(
          'access_exclusive_lock',
          `${table.schema}.${table.name} is locked while ${column}'s indexes are rebuilt`,
        ),
      ],
    );
  }
  // After every column moved (main phase): the old one is unused by then.
  d.plan.add(
    'late',
    dropObject({ ...t, name: collationTarget({ schema: a.schema, name: old }).name }),
    id,
    [],
    -1,
  );
}
