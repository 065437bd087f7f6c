import { GatehouseError } from '../../shared/errors.js';
import {
  isEventTriggerRef,
  refKey,
  type Catalog,
  type Dependency,
  type ObjectRef,
  type Role,
} from '../../shared/model/catalog.js';
import { aclStatements, defaultPrivilegeStatements } from './acl.js';
import { grantMembership } from './memberships.js';
import { modelLookup, type ModelLookup } from './model-lookup.js';
import {
  collationPhases,
  eventTriggerPhases,
  extensionPhases,
  publicationPhases,
  functionPhases,
  languagePhases,
  relationPhases,
  schemaPhases,
  scriptPreamble,
  sequencePhases,
  statisticsPhases,
  typePhases,
  type Phases,
} from './object-phases.js';
import { dependencyOrder } from './order.js';
import { defaultMultirangeName } from './names.js';
import { quoteIdent, quoteQualified } from './quote.js';
import { commentOnRole, createRole, setDatabaseSetting, setRoleSetting } from './roles.js';
import { refs, statement, type Statement } from './statement.js';
import { commentOn, ownerTo } from './target.js';

export interface DatabaseDdlOptions {
  /** Roles to write (CREATE ROLE, settings, memberships): cluster-wide, so none unless asked. */
  readonly roles?: (role: Role) => boolean;
  /** Also write the database's own settings, grants and comment, under this name (default: none). */
  readonly database?: string;
  /** Schemas that exist already in the target (not created, only owned, commented and granted). */
  readonly existingSchemas?: readonly string[];
  /** The server major the script is for (membership options): the model's server by default. */
  readonly serverMajor?: number;
}

export interface DatabaseDdl {
  readonly statements: readonly Statement[];
  /** Objects the model cannot describe fully enough to write (each with the reason). */
  readonly skipped: readonly { readonly object: ObjectRef; readonly reason: string }[];
}

/** An object of the model that DDL creates, with how to write it. */
interface Creatable {
  readonly ref: ObjectRef;
  readonly rank: number;
  readonly phases: () => Phases;
}

const RANK = { type: 0, multirange: 0.5, sequence: 1, function: 2, table: 3, view: 4 } as const;

/** The objects of the model that belong to the database (not to an extension), each with its writer. */
function creatables(lookup: ModelLookup): Creatable[] {
  const m = lookup.model;
  // An object with an internal dependency is made by what it depends on (a range type's constructor
  // functions, an identity column's sequence): writing it too would create it twice.
  const implicit = new Set(m.dependencies.filter((d) => d.kind === 'internal').map((d) => refKey(d.from)));
  const out: Creatable[] = [];
  const push = (c: Creatable) => {
    // (identity sequences stay: sequencePhases writes only their comment and privileges)
    if (c.ref.kind === 'sequence' || !implicit.has(refKey(c.ref))) out.push(c);
  };
  for (const t of m.types)
    if (t.extension === null)
      push({
        ref: refs.type(t.schema, t.name),
        rank: t.kind === 'multirange' ? RANK.multirange : RANK.type,
        phases: () => typePhases(lookup, t),
      });
  for (const s of m.sequences)
    if (s.extension === null)
      push({
        ref: refs.sequence(s.schema, s.name),
        rank: RANK.sequence,
        phases: () => sequencePhases(lookup, s),
      });
  for (const f of m.functions)
    // A range type's constructors come with CREATE TYPE … AS RANGE (the model folds their internal edge into a normal one).
    if (
      f.extension === null &&
      !(f.language === 'internal' && /^(multi)?range_constructor\d$/.test(f.source ?? ''))
    )
      push({
        ref: refs.function(f.schema, f.name, f.identityArgs),
        rank: RANK.function,
        phases: () => functionPhases(lookup, f),
      });
  for (const r of m.relations)
    if (r.extension === null)
      push({
        ref: refs.relation(r.schema, r.name),
        rank: r.kind === 'view' || r.kind === 'materialized_view' ? RANK.view : RANK.table,
        phases: () => relationPhases(lookup, r),
      });
  return out;
}

/**
 * Which dependencies order creation. Left out, because the late phase satisfies them after every object exists:
 * foreign keys between relations, sequences OWNED BY a column, a partition's edge to its parent (it is created
 * as a plain table and attached later), and what triggers, policies, indexes and a table's rules use.
 */
export function ordersCreation(lookup: ModelLookup): (d: Dependency) => boolean {
  return (d) => {
    if (d.via === 'trigger' || d.via === 'policy') return false;
    // A table's rules are late; a view's 'rule' edges are its query (_RETURN) and must order it.
    if (d.via === 'rule' && d.from.schema !== null) {
      const kind = lookup.relation(d.from.schema, d.from.name)?.kind;
      if (kind !== 'view' && kind !== 'materialized_view') return false;
    }
    if (d.via === 'index') {
      // A materialized view's query and its indexes fold into one edge: keep it, the query needs it.
      const r = d.from.schema !== null ? lookup.relation(d.from.schema, d.from.name) : undefined;
      return r?.kind === 'materialized_view';
    }
    if (d.from.kind === 'sequence' && d.to.kind === 'relation') return false;
    if (d.from.kind === 'relation' && d.to.kind === 'relation') {
      if (d.via === 'constraint') return false;
      const r = d.from.schema !== null ? lookup.relation(d.from.schema, d.from.name) : undefined;
      if (r?.partitionOf?.schema === d.to.schema && r.partitionOf.name === d.to.name) return false;
    }
    return true;
  };
}

/**
 * Edges the model's dependency list does not carry: a composite type's attributes (pg_depend records them on the
 * type's hidden relation), a domain's base type and a range's subtype, each to a user type of the model
 * (arrays resolved to their element).
 */
export function typeUses(model: Catalog): Dependency[] {
  const byOid = new Map<number, ObjectRef>();
  for (const t of model.types) {
    const ref = refs.type(t.schema, t.name);
    byOid.set(t.oid, ref);
    if (t.arrayOid !== null) byOid.set(t.arrayOid, ref);
  }
  const out: Dependency[] = [];
  for (const t of model.types) {
    const from = refs.type(t.schema, t.name);
    const uses = [
      ...t.attributes.map((a) => a.type),
      ...(t.domain !== null ? [t.domain.baseType] : []),
      ...(t.rangeSubtype !== null ? [t.rangeSubtype] : []),
    ];
    for (const u of uses) {
      const to = byOid.get(u.oid) ?? (u.elementOid !== null ? byOid.get(u.elementOid) : undefined);
      if (to !== undefined) out.push({ from, to, kind: 'normal', via: 'type' });
    }
    // A range's multirange is made by CREATE TYPE … AS RANGE: it comes after the range (and what the range uses).
    if (t.kind === 'range') {
      const m = t.range?.multirange ?? { schema: t.schema, name: defaultMultirangeName(t.name) };
      if (model.types.some((x) => x.kind === 'multirange' && x.schema === m.schema && x.name === m.name))
        out.push({ from: refs.type(m.schema, m.name), to: from, kind: 'normal', via: 'type' });
    }
  }
  return out;
}

/**
 * Edges to the user collations of the model from its own facts: a column's COLLATE, a domain's, a range's and a
 * composite attribute's, and a view, index, constraint or policy whose definition spells one. `via` says which (a
 * diff recreates the index, constraint or policy that spells a collation rebuilt under it, and moves the columns).
 * A live read also carries pg_depend's edges to collations (dependencies.sql), which alone see the uses no
 * definition in the model spells (a column default, a SQL-standard function body); these cover a snapshot
 * written before that.
 */
export function collationUses(model: Catalog): Dependency[] {
  const collations = (model.collations ?? []).filter((c) => c.extension === null);
  if (collations.length === 0) return [];
  const spelt = collations.map((c) => ({
    ref: refs.collation(c.schema, c.name),
    key: `${c.schema}\0${c.name}`,
    text: `COLLATE ${quoteQualified(c.schema, c.name)}`,
  }));
  const byKey = new Map(spelt.map((c) => [c.key, c.ref]));
  const out: Dependency[] = [];
  const edge = (from: ObjectRef, to: ObjectRef | undefined, via: Dependency['via'] = 'direct') => {
    if (to !== undefined) out.push({ from, to, kind: 'normal', via });
  };
  const spelling = (from: ObjectRef, texts: readonly (string | null)[], via: Dependency['via']) => {
    for (const c of spelt) if (texts.some((t) => t?.includes(c.text) === true)) edge(from, c.ref, via);
  };
  const policies = new Map<string, (string | null)[]>();
  for (const p of model.policies) {
    const k = `${p.schema}\0${p.table}`;
    policies.set(k, [...(policies.get(k) ?? []), p.using, p.withCheck]);
  }
  const relations = new Map(model.relations.map((r) => [`${r.schema}\0${r.name}`, r]));
  for (const r of model.relations) {
    const from = refs.relation(r.schema, r.name);
    const seen = new Set<ObjectRef>();
    // An INHERITS child's copy of a parent's check is the parent's use, not the child's.
    const inherited = new Set(
      r.inherits.flatMap(
        (p) => relations.get(`${p.schema}\0${p.name}`)?.constraints.map((k) => k.name) ?? [],
      ),
    );
    for (const c of r.columns)
      if (c.collationSchema !== undefined && c.collation !== null) {
        const to = byKey.get(`${c.collationSchema}\0${c.collation}`);
        if (to !== undefined && !seen.has(to)) {
          seen.add(to);
          edge(from, to);
        }
      }
    if (r.viewDefinition !== null) spelling(from, [r.viewDefinition], 'direct');
    spelling(
      from,
      r.indexes.map((i) => i.definition),
      'index',
    );
    spelling(
      from,
      r.constraints.filter((k) => !inherited.has(k.name)).map((k) => k.definition),
      'constraint',
    );
    const own = policies.get(`${r.schema}\0${r.name}`);
    if (own !== undefined) spelling(from, own, 'policy');
  }
  for (const t of model.types)
    for (const c of [t.domain?.collation, t.range?.collation, ...t.attributes.map((a) => a.collation)])
      if (c !== undefined) edge(refs.type(t.schema, t.name), byKey.get(`${c.schema}\0${c.name}`));
  return out;
}

function roleStatements(
  m: Catalog,
  include: (r: Role) => boolean,
  major: number,
  database: string | undefined,
): Statement[] {
  const out: Statement[] = [];
  const roles = m.roles.filter((r) => !r.isSystem && include(r));
  const names = new Set(roles.map((r) => r.name));
  for (const r of roles) {
    out.push(
      createRole(r.name, {
        superuser: r.superuser,
        inherit: r.inherit,
        createRole: r.createRole,
        createDb: r.createDb,
        canLogin: r.canLogin,
        replication: r.replication,
        bypassRls: r.bypassRls,
        connectionLimit: r.connectionLimit,
        ...(r.validUntil !== null ? { validUntil: r.validUntil } : {}),
      }),
    );
    if (r.comment !== null) out.push(commentOnRole(r.name, r.comment));
    for (const s of r.settings) out.push(setRoleSetting(r.name, null, s.name, s.value));
  }
  for (const s of m.roleSettings)
    if (
      s.role !== null &&
      names.has(s.role) &&
      s.database !== null &&
      s.database === m.database.name &&
      database !== undefined
    )
      for (const x of s.settings) out.push(setRoleSetting(s.role, database, x.name, x.value));
  for (const ms of m.memberships) {
    if (!names.has(ms.member) && !names.has(ms.role)) continue;
    out.push(
      grantMembership(
        {
          role: ms.role,
          member: ms.member,
          admin: ms.admin,
          ...(major >= 16 ? { inherit: ms.inherit, set: ms.set } : {}),
          ...(major >= 16 && ms.grantor !== null && names.has(ms.grantor) ? { grantedBy: ms.grantor } : {}),
        },
        major,
      ),
    );
  }
  return out;
}

function databaseStatements(lookup: ModelLookup, name: string): Statement[] {
  const m = lookup.model;
  const out: Statement[] = [
    ownerTo({ word: 'DATABASE', name: quoteIdent(name), object: refs.database(name) }, m.database.owner),
  ];
  for (const s of m.roleSettings)
    if (s.role === null && s.database === m.database.name)
      for (const x of s.settings) out.push(setDatabaseSetting(name, x.name, x.value));
  if (m.database.comment !== null)
    out.push(
      commentOn(
        { word: 'DATABASE', name: quoteIdent(name), object: refs.database(name) },
        m.database.comment,
      ),
    );
  const grants = lookup.grantsOf(refs.database(m.database.name));
  out.push(...aclStatements(refs.database(name), m.database.owner, grants));
  return out;
}

/** The roles a filter picks, as CREATE ROLE, comments, settings (per role, and per role in `database`) and memberships. */
export function ddlForRoles(
  model: Catalog,
  options: { roles: (role: Role) => boolean; database?: string; serverMajor?: number },
): Statement[] {
  return roleStatements(model, options.roles, options.serverMajor ?? model.server.major, options.database);
}

/**
 * Every object of a model as one script, in dependency order: roles (when asked), schemas, extensions, then
 * types, sequences, functions, tables and views ordered by the model's dependencies, then what must wait for
 * all of them (partitions attached, indexes, foreign keys, triggers, RLS, policies), then privileges and
 * default privileges last, so that creating objects never picks up a default privilege meant for later.
 */
export function ddlForDatabase(model: Catalog, options: DatabaseDdlOptions = {}): DatabaseDdl {
  const major = options.serverMajor ?? model.server.major;
  const lookup = modelLookup(model, major);
  const skipped: { object: ObjectRef; reason: string }[] = [];
  const create: Statement[] = [scriptPreamble()];
  const late: { rank: number; order: number; statement: Statement }[] = [];
  const acl: Statement[] = [];
  const take = (ref: ObjectRef, phases: () => Phases) => {
    let p: Phases;
    try {
      p = phases();
    } catch (error) {
      if (!(error instanceof GatehouseError) || error.code !== 'GH222') throw error;
      skipped.push({ object: ref, reason: error.message });
      return;
    }
    create.push(...p.create);
    for (const l of p.late) late.push({ ...l, order: late.length });
    acl.push(...p.acl);
  };

  if (options.roles !== undefined)
    create.push(...roleStatements(model, options.roles, major, options.database));
  const existing = new Set(options.existingSchemas ?? ['public']);
  for (const s of model.schemas)
    if (s.extension === null)
      take(refs.schema(s.name), () => schemaPhases(lookup, s, { exists: existing.has(s.name) }));
  for (const e of model.extensions) take(refs.extension(e.name), () => extensionPhases(e));
  // Collations depend on nothing but their schema, and types and tables may use them.
  for (const c of model.collations ?? [])
    if (c.extension === null) take(refs.collation(c.schema, c.name), () => collationPhases(c));
  const dependencies = [...model.dependencies, ...typeUses(model)];
  for (const c of dependencyOrder(creatables(lookup), dependencies, ordersCreation(lookup)))
    take(c.ref, c.phases);
  // Publications name tables: their phases are late, ranked after every table's (see publicationPhases).
  for (const pub of model.publications ?? []) take(refs.publication(pub.name), () => publicationPhases(pub));
  late.sort((a, b) => a.rank - b.rank || a.order - b.order);
  // Event triggers fire on DDL: created last, so none runs on the script's own statements (as pg_dump does).
  const events: Statement[] = [];
  for (const e of model.eventTriggers ?? []) {
    const before = create.length;
    take(refs.eventTrigger(e.name), () => eventTriggerPhases(e));
    events.push(...create.splice(before));
  }
  const statements = [
    ...create,
    ...late.map((l) => l.statement),
    ...acl,
    // The languages' privileges (their USAGE), after every object: the languages exist by then.
    ...(model.languages ?? []).flatMap((l) => languagePhases(lookup, l).acl),
    ...model.defaultPrivileges.flatMap(defaultPrivilegeStatements),
    ...(options.database !== undefined ? databaseStatements(lookup, options.database) : []),
    ...events,
  ];
  return { statements, skipped };
}

/**
 * The full CREATE script of one object, as the DDL tab shows it: the object, then what waits for it (indexes,
 * keys, triggers, RLS, policies), then its privileges. Members (a column, constraint, index, trigger or policy)
 * give their relation's script. Refused with a clear error when the object is not in the model.
 */
export function ddlForObject(model: Catalog, ref: ObjectRef): Statement[] {
  const lookup = modelLookup(model);
  const notFound = () =>
    new GatehouseError(
      'GH223',
      `There is no ${ref.kind} ${ref.schema === null ? '' : `${ref.schema}.`}${ref.name} in the catalog.`,
      {
        hint: 'Refresh the catalog: the object may have been dropped or renamed.',
      },
    );
  const flat = (p: Phases) => [
    ...p.create,
    ...[...p.late].sort((a, b) => a.rank - b.rank).map((l) => l.statement),
    ...p.acl,
  ];
  switch (ref.kind) {
    case 'schema': {
      const s = model.schemas.find((x) => x.name === ref.name);
      if (s === undefined) throw notFound();
      return [
        ...flat(schemaPhases(lookup, s)),
        ...model.defaultPrivileges.filter((d) => d.schema === s.name).flatMap(defaultPrivilegeStatements),
      ];
    }
    case 'extension': {
      const e = model.extensions.find((x) => x.name === ref.name);
      if (e === undefined) throw notFound();
      return flat(extensionPhases(e));
    }
    case 'type': {
      const t = model.types.find((x) => x.schema === ref.schema && x.name === ref.name);
      if (t === undefined) throw notFound();
      return flat(typePhases(lookup, t));
    }
    case 'sequence': {
      const s = model.sequences.find((x) => x.schema === ref.schema && x.name === ref.name);
      if (s === undefined) throw notFound();
      return flat(sequencePhases(lookup, s));
    }
    case 'function': {
      const f = model.functions.find(
        (x) =>
          x.schema === ref.schema &&
          x.name === ref.name &&
          (ref.args === undefined || x.identityArgs === ref.args),
      );
      if (f === undefined) throw notFound();
      return flat(functionPhases(lookup, f));
    }
    case 'relation':
    case 'column':
    case 'constraint':
    case 'index':
    case 'trigger':
    case 'policy':
    case 'rule': {
      if (isEventTriggerRef(ref)) {
        const e = model.eventTriggers?.find((x) => x.name === ref.name);
        if (e === undefined) throw notFound();
        return flat(eventTriggerPhases(e));
      }
      const r = ref.schema === null ? undefined : lookup.relation(ref.schema, ref.name);
      if (r === undefined) throw notFound();
      return flat(relationPhases(lookup, r));
    }
    case 'collation': {
      const c = model.collations?.find((x) => x.schema === ref.schema && x.name === ref.name);
      if (c === undefined) throw notFound();
      return flat(collationPhases(c));
    }
    case 'statistics': {
      const s = model.statistics?.find((x) => x.schema === ref.schema && x.name === ref.name);
      if (s === undefined) throw notFound();
      return flat(statisticsPhases(s));
    }
    case 'publication': {
      const pub = model.publications?.find((x) => x.name === ref.name);
      if (pub === undefined) throw notFound();
      return flat(publicationPhases(pub));
    }
    case 'role': {
      const role = model.roles.find((x) => x.name === ref.name);
      if (role === undefined) throw notFound();
      return [
        ...roleStatements(model, (x) => x.name === role.name, model.server.major, model.database.name),
        ...model.defaultPrivileges.filter((d) => d.role === role.name).flatMap(defaultPrivilegeStatements),
      ];
    }
    case 'language': {
      const l = model.languages?.find((x) => x.name === ref.name);
      if (l === undefined) throw notFound();
      return flat(languagePhases(lookup, l));
    }
    case 'database': {
      if (ref.name !== model.database.name) throw notFound();
      return [
        statement(
          'create',
          refs.database(ref.name),
          `CREATE DATABASE ${quoteIdent(ref.name)} OWNER ${quoteIdent(model.database.owner)}`,
        ),
        ...databaseStatements(lookup, ref.name),
      ];
    }
  }
}
