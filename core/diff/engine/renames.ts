import type { DiffOptions, RenameCandidate } from '../../../shared/diff/migration.js';
import {
  refKey,
  type Catalog,
  type ObjectRef,
  type Relation,
  type Sequence,
  type UserType,
} from '../../../shared/model/catalog.js';
import { sequenceTarget } from '../../ddl/sequences.js';
import { alterCompositeAttribute, renameEnumValue } from '../../ddl/types.js';
import { renameTo, setSchema } from '../../ddl/target.js';
import { relationTarget, renameColumn, renameConstraint } from '../../ddl/tables.js';
import { renamePolicy } from '../../ddl/policies.js';
import { routineTarget } from '../../ddl/functions.js';
import { refs, type Statement } from '../../ddl/statement.js';
import { schemaTarget } from '../../ddl/schemas.js';
import { routineBody, same } from './compare.js';
import { columnRenameCandidates } from './rename-columns.js';
import { respellNames } from './respell.js';
import { renameSchemaIn, schemaRenameCandidates } from './schema-renames.js';

const rk = (r: { schema: string; name: string }) => `${r.schema}\0${r.name}`;

/**
 * A composite type's attributes renamed: the same attributes in the same places, of the same types, but for the
 * names of some (RENAME ATTRIBUTE keeps the values the type's users hold, which a DROP and an ADD would lose).
 * Not offered for a type with typed tables (CREATE TABLE … OF), whose columns the rename would take along.
 */
function attributeRenameCandidates(a: UserType, b: UserType, from: Catalog): RenameCandidate[] {
  if (a.attributes.length !== b.attributes.length) return [];
  if (from.relations.some((r) => r.ofType?.schema === a.schema && r.ofType.name === a.name)) return [];
  const aNames = new Set(a.attributes.map((x) => x.name));
  const bNames = new Set(b.attributes.map((x) => x.name));
  const out: RenameCandidate[] = [];
  for (const [i, x] of a.attributes.entries()) {
    const y = b.attributes[i]!;
    if (x.name === y.name) continue;
    // A name that moves (stays on the other side elsewhere) makes it a reorder, not a rename.
    if (bNames.has(x.name) || aNames.has(y.name)) return [];
    if (x.type.formatted !== y.type.formatted || !same(x.collation, y.collation)) return [];
    out.push({
      kind: 'type',
      from: { ...refs.type(a.schema, a.name), member: x.name },
      to: { ...refs.type(b.schema, b.name), member: y.name },
      similarity: 1,
    });
  }
  return out;
}

/**
 * Objects that look renamed: one gone and one new of the same kind in the same place, alike apart from the name
 * (tables by their columns, columns by type or as the clear match of a type they convert to, functions by signature
 * and body, policies and constraints by what they say), and schemas gone and new that hold much the same objects.
 * Offered only; applied when accepted.
 */
export function renameCandidates(
  from: Catalog,
  to: Catalog,
  /** Both models' relations by `schema\0name`, when the caller has them already (the diff's sides do). */
  relations?: { readonly from: ReadonlyMap<string, Relation>; readonly to: ReadonlyMap<string, Relation> },
): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const fromR = relations?.from ?? new Map(from.relations.map((r) => [rk(r), r]));
  const toR = relations?.to ?? new Map(to.relations.map((r) => [rk(r), r]));
  const cols = (r: Relation) => r.columns.map((c) => `${c.name}:${c.type.formatted}`);
  // TO's new relations by schema and kind, each with its columns, in TO's order: a gone relation is compared
  // with those alone (not with every relation of TO).
  const added = new Map<string, { b: Relation; cols: string[] }[]>();
  for (const [k, b] of toR) {
    if (fromR.has(k)) continue;
    const g = `${b.schema}\0${b.kind}`;
    const list = added.get(g) ?? [];
    list.push({ b, cols: cols(b) });
    added.set(g, list);
  }
  const fromSchemas = new Set(from.schemas.map((x) => x.name));
  const addedByName = new Map<string, { b: Relation; cols: string[] }[]>();
  for (const list of added.values())
    for (const x of list) {
      const g = `${x.b.name}\0${x.b.kind}`;
      addedByName.set(g, [...(addedByName.get(g) ?? []), x]);
    }
  const sameNames = <T extends { name: string }>(x: readonly T[], y: readonly T[]) =>
    x.length === y.length && x.every((c, i) => c.name === y[i]?.name);
  for (const [k, a] of fromR) {
    const b = toR.get(k);
    if (b !== undefined) {
      if (a.kind !== 'table' && a.kind !== 'partitioned_table') continue;
      // Most tables keep their columns and constraints: nothing gone, nothing new.
      if (sameNames(a.columns, b.columns) && sameNames(a.constraints, b.constraints)) continue;
      out.push(...columnRenameCandidates(a, b, { from, to }, { from: fromR, to: toR }));
      const goneK = a.constraints.filter(
        (x) => !x.inherited && !b.constraints.some((y) => y.name === x.name),
      );
      const newK = b.constraints.filter((x) => !x.inherited && !a.constraints.some((y) => y.name === x.name));
      for (const x of goneK)
        for (const y of newK)
          if (x.definition === y.definition)
            out.push({
              kind: 'constraint',
              from: refs.member('constraint', a.schema, a.name, x.name),
              to: refs.member('constraint', b.schema, b.name, y.name),
              similarity: 1,
            });
      continue;
    }
    const ca = new Set(cols(a));
    // Renamed in its schema, or moved under its name to another schema both sides have (SET SCHEMA runs first,
    // before any schema is made).
    const moved = (addedByName.get(`${a.name}\0${a.kind}`) ?? []).filter(
      (x) => x.b.schema !== a.schema && fromSchemas.has(x.b.schema),
    );
    for (const { b, cols: cb } of [...(added.get(`${a.schema}\0${a.kind}`) ?? []), ...moved]) {
      const common = cb.filter((c) => ca.has(c)).length;
      const sim = common / Math.max(ca.size, cb.length, 1);
      if (sim >= 0.5)
        out.push({
          kind: a.kind === 'view' ? 'view' : a.kind === 'materialized_view' ? 'materialized_view' : 'table',
          from: refs.relation(a.schema, a.name),
          to: refs.relation(b.schema, b.name),
          similarity: sim,
        });
    }
  }
  const fk = (f: { schema: string; name: string; identityArgs: string }) =>
    `${f.schema}\0${f.name}\0${f.identityArgs}`;
  const toF = new Set(to.functions.map(fk));
  const fromF = new Set(from.functions.map(fk));
  const addedF = to.functions.filter((b) => !fromF.has(fk(b)));
  for (const a of from.functions) {
    if (addedF.length === 0) break;
    if (toF.has(fk(a))) continue;
    for (const b of addedF)
      if (b.schema === a.schema && b.identityArgs === a.identityArgs && same(routineBody(a), routineBody(b)))
        out.push({
          kind: 'function',
          from: refs.function(a.schema, a.name, a.identityArgs),
          to: refs.function(b.schema, b.name, b.identityArgs),
          similarity: 1,
        });
  }
  const pk = (p: { schema: string; table: string; name: string }) => `${p.schema}\0${p.table}\0${p.name}`;
  const toP = new Set(to.policies.map(pk));
  const fromP = new Set(from.policies.map(pk));
  const addedP = to.policies.filter((b) => !fromP.has(pk(b)));
  for (const a of from.policies) {
    if (addedP.length === 0) break;
    if (toP.has(pk(a))) continue;
    for (const b of addedP)
      if (
        b.schema === a.schema &&
        b.table === a.table &&
        same(
          [a.command, a.permissive, a.roles, a.using, a.withCheck],
          [b.command, b.permissive, b.roles, b.using, b.withCheck],
        )
      )
        out.push({
          kind: 'policy',
          from: refs.member('policy', a.schema, a.table, a.name),
          to: refs.member('policy', b.schema, b.table, b.name),
          similarity: 1,
        });
  }
  // An enum's value renamed: the same labels in the same places but one (RENAME VALUE keeps the rows using it).
  const toT = new Map(to.types.map((t) => [`${t.schema}\0${t.name}`, t]));
  for (const a of from.types) {
    const b = toT.get(`${a.schema}\0${a.name}`);
    if (a.kind === 'composite' && b?.kind === 'composite') {
      out.push(...attributeRenameCandidates(a, b, from));
      continue;
    }
    if (a.kind !== 'enum' || b?.kind !== 'enum' || a.labels.length !== b.labels.length) continue;
    const differ = a.labels.flatMap((l, i) => (l !== b.labels[i] ? [i] : []));
    const moved = (i: number) => b.labels.includes(a.labels[i] ?? '') || a.labels.includes(b.labels[i] ?? '');
    if (differ.length === 0 || differ.some(moved)) continue;
    for (const i of differ)
      out.push({
        kind: 'type',
        // The type, its value as the member.
        from: { ...refs.type(a.schema, a.name), member: a.labels[i] ?? '' },
        to: { ...refs.type(b.schema, b.name), member: b.labels[i] ?? '' },
        similarity: 1,
      });
  }
  // A sequence owned by a column on both sides under another name (a serial's or an identity's, its table renamed):
  // renamed, so it counts on from where it is.
  const owner = (q: Sequence) =>
    q.ownedBy === null ? null : `${q.ownedBy.schema}\0${q.ownedBy.table}\0${q.ownedBy.column}`;
  const sk = (q: Sequence) => `${q.schema}\0${q.name}`;
  const fromS = new Set(from.sequences.map(sk));
  const addedS = new Map<string, Sequence>();
  for (const q of to.sequences) {
    const o = owner(q);
    if (o !== null && !fromS.has(sk(q))) addedS.set(o, q);
  }
  if (addedS.size > 0) {
    const toS = new Set(to.sequences.map(sk));
    for (const a of from.sequences) {
      const o = owner(a);
      const b = o === null || toS.has(sk(a)) ? undefined : addedS.get(o);
      if (b !== undefined && b.schema === a.schema && b.identity === a.identity)
        out.push({
          kind: 'sequence',
          from: refs.sequence(a.schema, a.name),
          to: refs.sequence(b.schema, b.name),
          similarity: 1,
        });
    }
  }
  out.push(...schemaRenameCandidates(from, to));
  return out;
}

/**
 * The accepted renames among the candidates. `spelt` reads an asked rename's names as the candidates spell them
 * after the renames already carried out (a table of a renamed schema may be asked for under either name).
 */
export function acceptedRenames(
  candidates: readonly RenameCandidate[],
  options: DiffOptions,
  spelt: (ref: ObjectRef) => ObjectRef = (ref) => ref,
): RenameCandidate[] {
  const r = options.renames;
  if (r === undefined) return [];
  if (r === 'all') {
    // One rename per source and target: the most alike wins.
    const used = new Set<string>();
    const out: RenameCandidate[] = [];
    for (const c of [...candidates].sort((a, b) => b.similarity - a.similarity)) {
      if (used.has(refKey(c.from)) || used.has(refKey(c.to))) continue;
      used.add(refKey(c.from));
      used.add(refKey(c.to));
      out.push(c);
    }
    return out;
  }
  const asked = new Set(r.map((x) => `${refKey(spelt(x.from))}\0${refKey(spelt(x.to))}`));
  return candidates.filter((c) => asked.has(`${refKey(c.from)}\0${refKey(c.to)}`));
}

/**
 * FROM as it is after the renames (so the rest of the diff compares like with like), and the rename statements.
 * Definitions that spell a renamed table's old name (views over it) stay as read: those differ and are replaced.
 * A renamed schema re-spells everything that names it, as PostgreSQL shows it after the rename (renameSchemaIn).
 */
export function applyRenames(
  model: Catalog,
  renames: readonly RenameCandidate[],
): { model: Catalog; statements: { statement: Statement; rename: RenameCandidate }[] } {
  let m = model;
  const statements: { statement: Statement; rename: RenameCandidate }[] = [];
  // A schema's rename last: the others accepted with it name objects by its old name (a table moved out of it).
  const ordered = [...renames].sort((a, b) => Number(a.kind === 'schema') - Number(b.kind === 'schema'));
  for (const r of ordered) {
    const s = r.from.schema ?? '';
    if (r.kind === 'schema') {
      if (!m.schemas.some((x) => x.name === r.from.name)) continue;
      statements.push({ statement: renameTo(schemaTarget(r.from.name), r.to.name), rename: r });
      m = renameSchemaIn(m, r.from.name, r.to.name);
    } else if (r.kind === 'table' || r.kind === 'view' || r.kind === 'materialized_view') {
      const rel = m.relations.find((x) => x.schema === s && x.name === r.from.name);
      if (rel === undefined) continue;
      // SET SCHEMA moves the table with its indexes, constraints and owned sequences.
      const to = r.to.schema ?? s;
      statements.push({
        statement: to !== s ? setSchema(relationTarget(rel), to) : renameTo(relationTarget(rel), r.to.name),
        rename: r,
      });
      const mapRef = (o: ObjectRef): ObjectRef =>
        (o.kind === 'relation' || o.kind === 'column') && o.schema === s && o.name === r.from.name
          ? { ...o, schema: to, name: r.to.name }
          : o;
      const mapQ = <T extends { schema: string; name: string }>(q: T): T =>
        q.schema === s && q.name === r.from.name ? { ...q, schema: to, name: r.to.name } : q;
      const owned = new Set(
        m.sequences
          .filter((q) => to !== s && q.ownedBy?.schema === s && q.ownedBy.table === r.from.name)
          .map((q) => q.name),
      );
      const seqRef = (o: ObjectRef): ObjectRef =>
        o.kind === 'sequence' && o.schema === s && owned.has(o.name) ? { ...o, schema: to } : mapRef(o);
      // Defaults spell owned sequences by name (nextval('s.n'::regclass)): as PostgreSQL shows them after the move.
      const respell = (text: string | null) =>
        text === null || owned.size === 0
          ? text
          : respellNames(text, (x, n) =>
              x === s && n !== null && owned.has(n) ? { schema: to, name: n } : undefined,
            );
      m = {
        ...m,
        relations: m.relations.map((x) => ({
          ...(x === rel
            ? {
                ...x,
                schema: to,
                name: r.to.name,
                columns: x.columns.map((c) => ({ ...c, default: respell(c.default) })),
              }
            : x),
          partitionOf: x.partitionOf === null ? null : mapQ(x.partitionOf),
          inherits: x.inherits.map(mapQ),
          constraints: x.constraints.map((k) =>
            k.foreignKey === null
              ? k
              : {
                  ...k,
                  // As pg_get_constraintdef spells the referenced table after the rename.
                  definition: respellNames(k.definition, (x, n) =>
                    x === s && n === r.from.name ? { schema: to, name: r.to.name } : undefined,
                  ),
                  foreignKey: { ...k.foreignKey, table: mapQ(k.foreignKey.table) },
                },
          ),
        })),
        policies: m.policies.map((p) =>
          p.schema === s && p.table === r.from.name ? { ...p, schema: to, table: r.to.name } : p,
        ),
        grants: m.grants.map((g) => ({ ...g, object: seqRef(g.object) })),
        sequences: m.sequences.map((q) =>
          q.ownedBy?.schema === s && q.ownedBy.table === r.from.name
            ? {
                ...q,
                schema: owned.has(q.name) ? to : q.schema,
                ownedBy: { ...q.ownedBy, schema: to, table: r.to.name },
              }
            : q,
        ),
        dependencies: m.dependencies.map((e) => ({ ...e, from: seqRef(e.from), to: seqRef(e.to) })),
        // Extended statistics go with their table (ALTER TABLE … RENAME keeps them).
        ...(m.statistics !== undefined
          ? { statistics: m.statistics.map((x) => ({ ...x, table: mapQ(x.table) })) }
          : {}),
      };
    } else if (r.kind === 'column') {
      const table = r.from.name;
      const from = r.from.member ?? '';
      const to = r.to.member ?? '';
      statements.push({ statement: renameColumn(s, table, from, to), rename: r });
      const col = (c: string) => (c === from ? to : c);
      // RENAME COLUMN reaches the partitions and inheritance children that have the column from the table.
      const renamed = withChildren(m, s, table);
      m = {
        ...m,
        relations: m.relations.map((x) =>
          renamed.has(rk(x))
            ? {
                ...x,
                columns: x.columns.map((c) => (c.name === from ? { ...c, name: to } : c)),
                constraints: x.constraints.map((k) => ({ ...k, columns: k.columns.map(col) })),
                indexes: x.indexes.map((i) => ({
                  ...i,
                  columns: i.columns.map((c) => (c === null ? c : col(c))),
                  include: i.include.map(col),
                })),
              }
            : x,
        ),
        grants: m.grants.map((g) =>
          g.object.kind === 'column' &&
          g.object.schema === s &&
          g.object.name === table &&
          g.object.member === from
            ? { ...g, object: { ...g.object, member: to } }
            : g,
        ),
        ...(m.statistics !== undefined
          ? {
              statistics: m.statistics.map((x) =>
                x.table.schema === s && x.table.name === table ? { ...x, columns: x.columns.map(col) } : x,
              ),
            }
          : {}),
        sequences: m.sequences.map((q) =>
          q.ownedBy?.schema === s && q.ownedBy.table === table && q.ownedBy.column === from
            ? { ...q, ownedBy: { ...q.ownedBy, column: to } }
            : q,
        ),
        // What uses the column (a view, a policy) by its name: under the new one, so a retype finds it.
        dependencies: m.dependencies.map((e) =>
          e.columns !== undefined &&
          e.to.kind === 'relation' &&
          renamed.has(rk({ schema: e.to.schema ?? '', name: e.to.name }))
            ? { ...e, columns: e.columns.map(col) }
            : e,
        ),
      };
    } else if (r.kind === 'function') {
      const f = m.functions.find(
        (x) => x.schema === s && x.name === r.from.name && x.identityArgs === r.from.args,
      );
      if (f === undefined) continue;
      statements.push({ statement: renameTo(routineTarget(f), r.to.name), rename: r });
      const mapRef = (o: ObjectRef): ObjectRef =>
        o.kind === 'function' && o.schema === s && o.name === r.from.name && o.args === r.from.args
          ? { ...o, name: r.to.name }
          : o;
      m = {
        ...m,
        functions: m.functions.map((x) => (x === f ? { ...x, name: r.to.name } : x)),
        grants: m.grants.map((g) => ({ ...g, object: mapRef(g.object) })),
        dependencies: m.dependencies.map((e) => ({ ...e, from: mapRef(e.from), to: mapRef(e.to) })),
      };
    } else if (r.kind === 'type' && r.from.member !== undefined && r.to.member !== undefined) {
      const [was, now] = [r.from.member, r.to.member];
      const type = m.types.find((t) => t.schema === s && t.name === r.from.name);
      if (type?.kind === 'composite') {
        statements.push({
          statement: alterCompositeAttribute(s, r.from.name, { rename: was, to: now }),
          rename: r,
        });
        m = {
          ...m,
          types: m.types.map((t) =>
            t === type
              ? { ...t, attributes: t.attributes.map((x) => (x.name === was ? { ...x, name: now } : x)) }
              : t,
          ),
        };
        continue;
      }
      statements.push({ statement: renameEnumValue(s, r.from.name, was, now), rename: r });
      m = {
        ...m,
        types: m.types.map((t) =>
          t.schema === s && t.name === r.from.name && t.kind === 'enum'
            ? { ...t, labels: t.labels.map((l) => (l === was ? now : l)) }
            : t,
        ),
      };
    } else if (r.kind === 'sequence') {
      const q = m.sequences.find((x) => x.schema === s && x.name === r.from.name);
      if (q === undefined) continue;
      statements.push({ statement: renameTo(sequenceTarget(s, q.name), r.to.name), rename: r });
      const mapRef = (o: ObjectRef): ObjectRef =>
        o.kind === 'sequence' && o.schema === s && o.name === r.from.name ? { ...o, name: r.to.name } : o;
      // Defaults spell the sequence by name (nextval('s.n'::regclass)): as PostgreSQL shows them after the rename.
      const respell = (text: string | null) =>
        text === null
          ? null
          : respellNames(text, (x, n) =>
              x === s && n === r.from.name ? { schema: s, name: r.to.name } : undefined,
            );
      m = {
        ...m,
        sequences: m.sequences.map((x) => (x === q ? { ...x, name: r.to.name } : x)),
        relations: m.relations.map((x) =>
          x.schema === q.ownedBy?.schema && x.name === q.ownedBy.table
            ? { ...x, columns: x.columns.map((c) => ({ ...c, default: respell(c.default) })) }
            : x,
        ),
        grants: m.grants.map((g) => ({ ...g, object: mapRef(g.object) })),
        dependencies: m.dependencies.map((e) => ({ ...e, from: mapRef(e.from), to: mapRef(e.to) })),
      };
    } else if (r.kind === 'policy') {
      const p = m.policies.find((x) => x.schema === s && x.table === r.from.name && x.name === r.from.member);
      if (p === undefined) continue;
      statements.push({ statement: renamePolicy(p, r.to.member ?? ''), rename: r });
      m = { ...m, policies: m.policies.map((x) => (x === p ? { ...x, name: r.to.member ?? '' } : x)) };
    } else if (r.kind === 'constraint') {
      const table = r.from.name;
      statements.push({
        statement: renameConstraint(s, table, r.from.member ?? '', r.to.member ?? ''),
        rename: r,
      });
      m = {
        ...m,
        relations: m.relations.map((x) =>
          x.schema === s && x.name === table
            ? {
                ...x,
                constraints: x.constraints.map((k) =>
                  k.name === r.from.member
                    ? {
                        ...k,
                        name: r.to.member ?? '',
                        index: k.index === r.from.member ? (r.to.member ?? '') : k.index,
                      }
                    : k,
                ),
                indexes: x.indexes.map((i) =>
                  i.name === r.from.member ? { ...i, name: r.to.member ?? '' } : i,
                ),
              }
            : x,
        ),
      };
    }
  }
  return { model: m, statements };
}

/** A table and, by `schema\0name`, the partitions and inheritance children below it (at any depth). */
function withChildren(m: Catalog, schema: string, table: string): ReadonlySet<string> {
  const out = new Set([rk({ schema, name: table })]);
  for (let grew = true; grew;) {
    grew = false;
    for (const x of m.relations) {
      if (out.has(rk(x))) continue;
      const parents = [...(x.partitionOf !== null ? [x.partitionOf] : []), ...x.inherits];
      if (parents.some((p) => out.has(rk(p)))) {
        out.add(rk(x));
        grew = true;
      }
    }
  }
  return out;
}
