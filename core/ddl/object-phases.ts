import { GatehouseError } from '../../shared/errors.js';
import type {
  Collation,
  Column,
  EventTrigger,
  Extension,
  FunctionInfo,
  Index,
  Language,
  Publication,
  Relation,
  Rule,
  SchemaInfo,
  Sequence,
  StatisticsObject,
  UserType,
} from '../../shared/model/catalog.js';
import { aclStatements } from './acl.js';
import { collationTarget, createCollation } from './collations.js';
import { createStatistics, setStatisticsTarget, statisticsTarget } from './statistics.js';
import { createEventTrigger, eventTriggerTarget, setEventTriggerEnabled } from './event-triggers.js';
import { createExtension, extensionTarget } from './extensions.js';
import { createRoutine, routineTarget } from './functions.js';
import { createIndexFromDefinition, indexStatisticsStatements, indexTarget } from './indexes.js';
import type { ModelLookup } from './model-lookup.js';
import { commentOnPolicy, createPolicy } from './policies.js';
import { createPublication, publicationTarget } from './publications.js';
import { setRowLevelSecurity } from './rls.js';
import { createRule, ruleTarget, setRuleEnabled } from './rules.js';
import { createSchema, schemaTarget } from './schemas.js';
import { createSequence, sequenceOwnedBy, sequenceTarget, setSequenceLogged } from './sequences.js';
import { refs, statement, type Statement } from './statement.js';
import {
  addConstraint,
  addNotNullConstraint,
  attachPartition,
  columnAttributeStatements,
  columnTarget,
  constraintTarget,
  createForeignTable,
  createTable,
  inlineByDefault,
  relationTarget,
  setClusterOn,
  setColumnDefault,
  setReplicaIdentity,
} from './tables.js';
import { commentOn, ownerTo } from './target.js';
import { createTrigger, setTriggerEnabled, triggerTarget } from './triggers.js';
import {
  addDomainConstraint,
  attributeTarget,
  createCompositeType,
  createDomain,
  createEnum,
  createRangeType,
  domainConstraintTarget,
  typeTarget,
} from './types.js';
import { createMaterializedView, createView } from './views.js';

/**
 * One object's DDL in the three phases a whole-database script interleaves (pg_dump's sections): `create` makes
 * the object (with owner and comments), `late` adds what must wait until every object exists (foreign keys,
 * indexes, triggers, partition attachment, RLS and policies, OWNED BY), `acl` its privileges.
 */
export interface Phases {
  readonly create: Statement[];
  /** Late statements, each with its rank: lower ranks run first across the whole script. */
  readonly late: { readonly rank: number; readonly statement: Statement }[];
  readonly acl: Statement[];
}

/** Ranks of the late statements: a partition before the indexes and keys that attach to it, indexes before keys. */
export const LATE = {
  ownedBy: 0,
  attach: 1,
  notValid: 2,
  /** ALTER TABLE … INHERIT of a table made on its own: once its checks and its parents' are there. */
  inherit: 2.2,
  index: 3,
  /** Extended statistics: after the indexes, whose expressions they may share; between them and the keys. */
  statistics: 3.5,
  /** REPLICA IDENTITY USING INDEX and CLUSTER ON: once their index is there. */
  replicaIdentity: 3.8,
  foreignKey: 4,
  trigger: 5,
  /** Rules: their actions may name any relation, so once every one is there. */
  rule: 5.5,
  rls: 6,
  policy: 7,
  comment: 8,
  /** A rebuilt type's old copy, once everything has moved off it. */
  oldType: 9,
  /** A rebuilt collation's old copy: after the old copies of types over it. */
  oldCollation: 9.5,
  /** Publications, and tables joining one: once every table (and old copy) is where it ends. */
  publication: 10,
} as const;

const empty = (): Phases => ({ create: [], late: [], acl: [] });
const comment = (out: Statement[], c: Statement | null) => {
  if (c !== null) out.push(c);
};

export function schemaPhases(lookup: ModelLookup, s: SchemaInfo, options: { exists?: boolean } = {}): Phases {
  const p = empty();
  const t = schemaTarget(s.name);
  if (options.exists !== true) p.create.push(createSchema({ name: s.name }));
  p.create.push(ownerTo(t, s.owner));
  comment(p.create, s.comment === null ? null : commentOn(t, s.comment));
  p.acl.push(...aclStatements(t.object, s.owner, lookup.grantsOf(t.object)));
  return p;
}

export function extensionPhases(e: Extension): Phases {
  const p = empty();
  p.create.push(
    createExtension(
      { name: e.name, schema: e.schema, version: e.version },
      { ifNotExists: true, cascade: true },
    ),
  );
  comment(p.create, e.comment === null ? null : commentOn(extensionTarget(e.name), e.comment));
  return p;
}

export function typePhases(lookup: ModelLookup, t: UserType): Phases {
  const p = empty();
  const target = typeTarget(t);
  switch (t.kind) {
    case 'enum':
      p.create.push(createEnum(t));
      break;
    case 'composite':
      p.create.push(createCompositeType(t));
      break;
    case 'range':
      p.create.push(createRangeType(t));
      break;
    case 'domain':
      p.create.push(createDomain(t));
      for (const c of t.domain?.constraints ?? []) {
        if (!c.validated && !c.notNull)
          p.late.push({
            rank: LATE.notValid,
            statement: addDomainConstraint(t.schema, t.name, { ...c, validated: false }),
          });
        // Late: a constraint added NOT VALID is there only then.
        if (c.comment !== undefined)
          p.late.push({
            rank: LATE.comment,
            statement: commentOn(domainConstraintTarget(t.schema, t.name, c.name), c.comment),
          });
      }
      break;
    case 'multirange':
      // Created with its range type. From 17 on it also takes the range's owner and privileges (and refuses its
      // own); before, they are its own and must be written.
      if (lookup.serverMajor >= 17) {
        comment(p.create, t.comment === null ? null : commentOn(target, t.comment));
        return p;
      }
      break;
    default:
      throw new GatehouseError(
        'GH222',
        `The ${t.kind} type ${t.schema}.${t.name} cannot be written from the model.`,
        {
          hint: 'Base types are defined in C: create them through their extension.',
        },
      );
  }
  p.create.push(ownerTo(target, t.owner));
  comment(p.create, t.comment === null ? null : commentOn(target, t.comment));
  for (const a of t.attributes)
    if (a.comment !== undefined)
      p.create.push(commentOn(attributeTarget(t.schema, t.name, a.name), a.comment));
  p.acl.push(...aclStatements(target.object, t.owner, lookup.grantsOf(target.object)));
  return p;
}

/**
 * A procedural language: its privileges alone (acl), where they are not PostgreSQL's default. The language exists
 * already (built in) or comes with its extension; an untrusted one takes no GRANT or REVOKE (42809), its USAGE
 * being a superuser's.
 */
export function languagePhases(lookup: ModelLookup, l: Language): Phases {
  const p = empty();
  const ref = refs.language(l.name);
  if (l.trusted) p.acl.push(...aclStatements(ref, l.owner, lookup.grantsOf(ref)));
  return p;
}

/** A collation (created before every type and table, which may use it), owned and commented. */
export function collationPhases(c: Collation): Phases {
  const p = empty();
  const t = collationTarget(c);
  p.create.push(createCollation(c));
  p.create.push(ownerTo(t, c.owner));
  comment(p.create, c.comment === null ? null : commentOn(t, c.comment));
  return p;
}

/**
 * An extended statistics object: all of it late (its table and columns exist by then), with target, owner and
 * comment.
 */
export function statisticsPhases(s: StatisticsObject): Phases {
  const t = statisticsTarget(s);
  const out: Statement[] = [createStatistics(s)];
  if (s.target !== null) out.push(setStatisticsTarget(s.schema, s.name, s.target));
  out.push(ownerTo(t, s.owner));
  if (s.comment !== null) out.push(commentOn(t, s.comment));
  return { ...empty(), late: out.map((statement) => ({ rank: LATE.statistics, statement })) };
}

export function sequencePhases(lookup: ModelLookup, s: Sequence): Phases {
  const p = empty();
  const t = sequenceTarget(s.schema, s.name);
  if (!s.identity) {
    // An identity sequence is created by its column (with these options, see columnDefinition).
    p.create.push(createSequence(s));
    p.create.push(ownerTo(t, s.owner));
    if (s.ownedBy !== null)
      p.late.push({ rank: LATE.ownedBy, statement: sequenceOwnedBy(s.schema, s.name, s.ownedBy) });
  } else if (identityPersistenceOwn(lookup, s)) {
    // Its column makes it as logged as the table; one set apart from it is set again.
    p.late.push({ rank: LATE.ownedBy, statement: setSequenceLogged(s.schema, s.name, s.unlogged !== true) });
  }
  comment(p.create, s.comment === null ? null : commentOn(t, s.comment));
  p.acl.push(...aclStatements(t.object, s.owner, lookup.grantsOf(t.object)));
  return p;
}

/**
 * Whether an identity sequence is logged otherwise than its table (ALTER SEQUENCE … SET LOGGED on it alone). Before
 * 15 every sequence is logged, an unlogged table's too.
 */
export function identityPersistenceOwn(lookup: ModelLookup, s: Sequence): boolean {
  if (s.ownedBy === null || lookup.serverMajor < 15) return false;
  const table = lookup.relation(s.ownedBy.schema, s.ownedBy.table);
  return table !== undefined && (table.unlogged === true) !== (s.unlogged === true);
}

/**
 * An event trigger, created disabled-or-not and owned as the model says. It fires on DDL, so a whole-database
 * script creates event triggers after every other statement (see ddlForDatabase); only a superuser may run this.
 */
export function eventTriggerPhases(e: EventTrigger): Phases {
  const p = empty();
  const t = eventTriggerTarget(e.name);
  p.create.push(createEventTrigger(e));
  if (e.enabled !== 'origin') p.create.push(setEventTriggerEnabled(e.name, e.enabled));
  p.create.push(ownerTo(t, e.owner));
  comment(p.create, e.comment === null ? null : commentOn(t, e.comment));
  return p;
}

/**
 * A publication with its tables, owner and comment, all late: the tables it names must exist first (a
 * whole-database script and a migration both create it after every table).
 */
export function publicationPhases(pub: Publication): Phases {
  const t = publicationTarget(pub.name);
  const out = [createPublication(pub), ownerTo(t, pub.owner)];
  if (pub.comment !== null) out.push(commentOn(t, pub.comment));
  return { ...empty(), late: out.map((statement) => ({ rank: LATE.publication, statement })) };
}

export function functionPhases(lookup: ModelLookup, f: FunctionInfo): Phases {
  const p = empty();
  const t = routineTarget(f);
  p.create.push(createRoutine(f));
  p.create.push(ownerTo(t, f.owner));
  comment(p.create, f.comment === null ? null : commentOn(t, f.comment));
  p.acl.push(...aclStatements(t.object, f.owner, lookup.grantsOf(t.object)));
  return p;
}

/** The columns `r` inherits (INHERITS parents, first parent first), by name. */
export function inheritedColumns(lookup: ModelLookup, r: Relation): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const p of r.inherits)
    for (const c of lookup.relation(p.schema, p.name)?.columns ?? [])
      if (!out.has(c.name)) out.set(c.name, c);
  return out;
}

/** A rule of a relation, late: its firing state and comment after it. */
export function rulePhases(r: Pick<Relation, 'schema' | 'name'>, rule: Rule): Phases['late'] {
  const out: Phases['late'][number][] = [{ rank: LATE.rule, statement: createRule(r.schema, r.name, rule) }];
  if (rule.enabled !== 'origin')
    out.push({ rank: LATE.rule, statement: setRuleEnabled(r.schema, r.name, rule.name, rule.enabled) });
  if (rule.comment !== null)
    out.push({
      rank: LATE.comment,
      statement: commentOn(ruleTarget(r.schema, r.name, rule.name), rule.comment),
    });
  return out;
}

/** Whether an ancestor partitioned table has a trigger of this name: the partition's copy is PostgreSQL's clone. */
function clonedTrigger(lookup: ModelLookup, r: Relation, name: string): boolean {
  for (let parent = r.partitionOf, n = 0; parent !== null && n < 64; n++) {
    const pr = lookup.relation(parent.schema, parent.name);
    if (pr === undefined) return false;
    if (pr.triggers.some((t) => t.name === name)) return true;
    parent = pr.partitionOf;
  }
  return false;
}

export function relationPhases(lookup: ModelLookup, r: Relation): Phases {
  const p = empty();
  const t = relationTarget(r);
  const depth = lookup.partitionDepth(r);
  switch (r.kind) {
    case 'table':
    case 'partitioned_table':
      p.create.push(
        createTable(r, {
          identitySequences: lookup.identitySequences(r.schema, r.name),
          inheritedColumns: inheritedColumns(lookup, r),
        }),
      );
      break;
    case 'view':
      p.create.push(createView(r));
      // View column defaults (for inserts through the view) are the only defaults a view has.
      for (const c of r.columns)
        if (c.default !== null) p.create.push(setColumnDefault(r.schema, r.name, c.name, c.default));
      break;
    case 'materialized_view':
      p.create.push(createMaterializedView(r));
      break;
    case 'foreign_table':
      p.create.push(createForeignTable(r));
      break;
  }
  // Storage, compression and statistics targets the model holds (created with the type's defaults).
  if (r.kind !== 'view') {
    const parents = r.inherits.length > 0 ? inheritedColumns(lookup, r) : undefined;
    for (const c of r.columns) p.create.push(...columnAttributeStatements(r, c, parents?.get(c.name)));
  }
  p.create.push(ownerTo(t, r.owner));
  comment(p.create, r.comment === null ? null : commentOn(t, r.comment));
  for (const c of r.columns)
    comment(
      p.create,
      c.comment === null ? null : commentOn(columnTarget(r.schema, r.name, c.name), c.comment),
    );

  if (r.partitionOf !== null && r.partitionBound !== null)
    p.late.push({ rank: LATE.attach, statement: attachPartition(r.partitionOf, r, r.partitionBound) });
  // Deeper partitions first: a parent's index or key then attaches to the partition's own instead of cloning one.
  const deeper = (rank: number) => rank + (64 - depth) / 100;
  // A NOT VALID NOT NULL (18+) is added once the rows are in, as a NOT VALID check is.
  if (r.kind === 'table' || r.kind === 'partitioned_table')
    for (const c of r.columns)
      if (c.notNull && c.notNullConstraint?.validated === false)
        p.late.push({
          rank: LATE.notValid,
          statement: addNotNullConstraint(r.schema, r.name, c.name, c.notNullConstraint),
        });
  for (const k of r.constraints) {
    // A partition's copy of its parent's foreign key comes with ATTACH PARTITION (added too, it would clash).
    const attached = r.partitionOf !== null && k.inherited && k.kind === 'foreign_key';
    if ((r.kind === 'table' || r.kind === 'partitioned_table') && !attached) {
      if (!inlineByDefault(k))
        p.late.push({
          rank: k.kind === 'foreign_key' ? deeper(LATE.foreignKey) : LATE.notValid,
          statement: addConstraint(r.schema, r.name, k),
        });
    }
    if (k.comment !== null)
      p.late.push({
        rank: LATE.comment,
        statement: commentOn(constraintTarget(r.schema, r.name, k.name), k.comment),
      });
  }
  if (r.replicaIdentity !== undefined)
    p.late.push({
      rank: LATE.replicaIdentity,
      statement: setReplicaIdentity(r.schema, r.name, r.replicaIdentity),
    });
  if (r.clusterOn !== undefined)
    p.late.push({ rank: LATE.replicaIdentity, statement: setClusterOn(r, r.clusterOn) });
  const constraintIndexes = new Set(r.constraints.map((k) => k.index).filter((i) => i !== null));
  // A partition's index attached to its parent's is made before ATTACH PARTITION, which then adopts it (made
  // after, it would find the one ATTACH cloned from the parent under its name). A partitioned table's own index
  // (ON ONLY) too, after those: made once its partitions are attached, it would adopt none of their indexes.
  const indexRank = (i: Index) =>
    r.partitionOf !== null && i.attachedTo !== undefined
      ? LATE.attach - 0.5
      : r.kind === 'partitioned_table'
        ? LATE.attach - 0.25
        : deeper(LATE.index);
  for (const i of r.indexes) {
    if (!constraintIndexes.has(i.name))
      p.late.push({ rank: indexRank(i), statement: createIndexFromDefinition(r.schema, r.name, i) });
    for (const st of indexStatisticsStatements(r.schema, r.name, i))
      p.late.push({ rank: deeper(LATE.index), statement: st });
    if (i.comment !== null)
      p.late.push({
        rank: LATE.comment,
        statement: commentOn(indexTarget(r.schema, r.name, i.name), i.comment),
      });
  }
  for (const tr of r.triggers) {
    if (clonedTrigger(lookup, r, tr.name)) {
      // A clone takes its parent's state when ATTACH makes it; one set apart is set after the parent's own.
      const parent = r.partitionOf && lookup.relation(r.partitionOf.schema, r.partitionOf.name);
      if (parent?.triggers.find((x) => x.name === tr.name)?.enabled !== tr.enabled)
        p.late.push({
          rank: LATE.trigger + depth / 100,
          statement: setTriggerEnabled(r.schema, r.name, tr.name, tr.enabled),
        });
      continue;
    }
    p.late.push({ rank: LATE.trigger, statement: createTrigger(r.schema, r.name, tr) });
    if (tr.enabled !== 'origin')
      p.late.push({
        rank: LATE.trigger,
        statement: setTriggerEnabled(r.schema, r.name, tr.name, tr.enabled),
      });
    if (tr.comment !== null)
      p.late.push({
        rank: LATE.comment,
        statement: commentOn(triggerTarget(r.schema, r.name, tr.name), tr.comment),
      });
  }
  for (const rule of r.rules ?? []) p.late.push(...rulePhases(r, rule));
  for (const s of lookup.statisticsOf(r.schema, r.name)) p.late.push(...statisticsPhases(s).late);
  if (r.rlsEnabled)
    p.late.push({ rank: LATE.rls, statement: setRowLevelSecurity(r.schema, r.name, 'enable') });
  if (r.rlsForced) p.late.push({ rank: LATE.rls, statement: setRowLevelSecurity(r.schema, r.name, 'force') });
  for (const pol of lookup.policiesOf(r.schema, r.name)) {
    p.late.push({ rank: LATE.policy, statement: createPolicy(pol) });
    if (pol.comment !== null)
      p.late.push({ rank: LATE.policy, statement: commentOnPolicy(pol, pol.comment) });
  }
  p.acl.push(
    ...aclStatements(t.object, r.owner, lookup.grantsOf(t.object), lookup.columnGrantsOf(r.schema, r.name)),
  );
  return p;
}

/**
 * `SET check_function_bodies = false` for a whole script: SQL function bodies may name objects created later
 * (pg_depend records nothing for a string body, so no order can know). `local`: for the transaction only.
 */
export function scriptPreamble(options: { local?: boolean } = {}): Statement {
  return statement(
    'alter',
    refs.database('current'),
    `SELECT pg_catalog.set_config('check_function_bodies', 'false', ${options.local === true ? 'true' : 'false'})`,
  );
}
