import { refKey, type Publication, type PublicationTable } from '../../../shared/model/catalog.js';
import { LATE, publicationPhases } from '../../ddl/object-phases.js';
import {
  addPublicationTable,
  dropPublicationTable,
  publicationSchema,
  publicationTarget,
  setPublicationOptions,
} from '../../ddl/publications.js';
import { refs, type Statement } from '../../ddl/statement.js';
import { dropObject } from '../../ddl/target.js';
import type { Diff } from './context.js';
import { ownerAndComment } from './emit-owner-comment.js';

const memberKey = (t: Pick<PublicationTable, 'schema' | 'name'>) => `${t.schema}\0${t.name}`;
const sameMember = (a: PublicationTable, b: PublicationTable) =>
  JSON.stringify([a.columns, a.where]) === JSON.stringify([b.columns, b.where]);
const sameOptions = (a: Publication, b: Publication) =>
  a.viaPartitionRoot === b.viaPartitionRoot && a.publish.join() === b.publish.join();

/**
 * The change of FROM's table that takes its membership away (dropped, recreated or rebuilt: a publication names
 * a table by OID, so the new one is no member), or undefined when the table stays as it is.
 */
function tableGone(d: Diff, t: Pick<PublicationTable, 'schema' | 'name'>): string | undefined {
  const k = refKey(refs.relation(t.schema, t.name));
  return d.dropped.get(k)?.changeId ?? d.rebuilt.get(k);
}

/** Whether a column change of the table reaches what the member names (PostgreSQL refuses it under a filter). */
function touchedUnder(d: Diff, t: PublicationTable): boolean {
  const k = refKey(refs.relation(t.schema, t.name));
  if (!d.touched.has(k) || (t.columns === undefined && t.where === undefined)) return false;
  const cols = d.touchedColumns.get(k);
  return cols === undefined || t.where !== undefined || (t.columns ?? []).some((c) => cols.has(c));
}

/** Late statements of a change, written once every table is there (a filter the writer refuses: unwritable). */
function late(d: Diff, id: string, name: string, write: () => Statement[]): void {
  d.writing(id, refs.publication(name), () => {
    for (const s of write()) d.plan.add('late', s, id, [], LATE.publication);
  });
}

/**
 * Publications by name: dropped first (a column they name could not go before), created late (after every
 * table), made anew when FOR ALL TABLES changes (no ALTER reaches it); options, tables, schemas, owner and comment
 * altered in place. A member table that is dropped leaves with its table; one that is recreated or rebuilt is
 * added back, late. Compared only when both models hold publications.
 */
export function emitPublications(d: Diff): void {
  const a = d.from.model.publications;
  const b = d.to.model.publications;
  if (a === undefined || b === undefined || !d.wants('publication')) return;
  const toP = new Map(b.map((p) => [p.name, p]));
  const fromNames = new Set(a.map((p) => p.name));
  for (const p of a) {
    const next = toP.get(p.name);
    const t = publicationTarget(p.name);
    if (next !== undefined && next.allTables === p.allTables) {
      alterPublication(d, p, next);
      continue;
    }
    const id = d.plan.change({
      action: next === undefined ? 'drop' : 'rebuild',
      kind: 'publication',
      object: t.object,
      summary: `${next === undefined ? 'drop' : 'recreate'} publication ${p.name}`,
      fromSql: d.sql(d.from, t.object),
      toSql: next === undefined ? null : d.sql(d.to, t.object),
    });
    d.plan.add('first', dropObject(t), id);
    if (next !== undefined) createPublication(d, next, id);
  }
  for (const p of b) {
    if (fromNames.has(p.name)) continue;
    const t = publicationTarget(p.name);
    const id = d.plan.change({
      action: 'add',
      kind: 'publication',
      object: t.object,
      summary: `create publication ${p.name}${p.allTables ? ' for all tables' : ''}`,
      toSql: d.sql(d.to, t.object),
    });
    createPublication(d, p, id);
  }
}

/** TO's publication whole, as its phases write it (owner and comment as the options want them). */
function createPublication(d: Diff, p: Publication, id: string): void {
  const wanted = (s: Statement) =>
    (s.kind !== 'owner' || d.wants('owner')) && (s.kind !== 'comment' || d.wants('comment'));
  late(d, id, p.name, () =>
    publicationPhases(p)
      .late.map((l) => l.statement)
      .filter(wanted),
  );
}

/** A publication both sides have: its options, tables, schemas, owner and comment. */
function alterPublication(d: Diff, from: Publication, to: Publication): void {
  const t = publicationTarget(to.name);
  const change = (summary: string) =>
    d.plan.change({
      action: 'alter',
      kind: 'publication',
      object: t.object,
      summary,
      fromSql: d.sql(d.from, t.object),
      toSql: d.sql(d.to, t.object),
    });
  if (!sameOptions(from, to)) {
    const id = change(`publication ${to.name}: publish ${to.publish.join(', ') || 'nothing'}`);
    late(d, id, to.name, () => [setPublicationOptions(to.name, to.publish, to.viaPartitionRoot)]);
  }
  emitMembers(d, from, to, change);
  emitSchemas(d, from, to, change);
  ownerAndComment(d, t, from, to, {
    what: 'publication',
    late: { owner: LATE.publication, comment: LATE.publication },
  });
}

/**
 * Member tables: dropped first where their table stays, added late; one whose column list or filter changes, or
 * whose table's columns change under them, is dropped and added again. A table recreated or rebuilt is added back
 * under its own change (skipping that change leaves the membership as it was).
 */
function emitMembers(d: Diff, from: Publication, to: Publication, change: (summary: string) => string): void {
  const before = new Map(from.tables.map((m) => [memberKey(m), m]));
  const after = new Map(to.tables.map((m) => [memberKey(m), m]));
  for (const [k, m] of before) {
    if (after.has(k) || tableGone(d, m) !== undefined) continue;
    const id = change(`drop ${m.schema}.${m.name} from publication ${to.name}`);
    d.plan.add('first', dropPublicationTable(to.name, m), id);
  }
  for (const [k, m] of after) {
    const was = before.get(k);
    const gone = was === undefined ? undefined : tableGone(d, was);
    if (was !== undefined && gone !== undefined) {
      late(d, gone, to.name, () => [addPublicationTable(to.name, m)]);
      continue;
    }
    if (was !== undefined && sameMember(was, m) && !touchedUnder(d, was)) continue;
    const id = change(
      `${was === undefined ? 'add' : 'change'} ${m.schema}.${m.name} ${was === undefined ? 'to' : 'in'} publication ${to.name}`,
    );
    if (was !== undefined) d.plan.add('first', dropPublicationTable(to.name, was), id);
    late(d, id, to.name, () => [addPublicationTable(to.name, m)]);
  }
}

/** TABLES IN SCHEMA: dropped first (also ahead of a DROP SCHEMA, which would take the entry along), added late. */
function emitSchemas(d: Diff, from: Publication, to: Publication, change: (summary: string) => string): void {
  const before = new Set(from.schemas);
  const after = new Set(to.schemas);
  for (const s of before) {
    if (after.has(s)) continue;
    const id = change(`drop tables in schema ${s} from publication ${to.name}`);
    d.plan.add('first', publicationSchema(to.name, 'DROP', s), id);
  }
  for (const s of after) {
    if (before.has(s)) continue;
    const id = change(`add tables in schema ${s} to publication ${to.name}`);
    late(d, id, to.name, () => [publicationSchema(to.name, 'ADD', s)]);
  }
}
