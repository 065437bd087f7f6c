import { z } from 'zod';

/**
 * The catalog model: one read of a database's roles, objects, privileges and policies, shared by every panel,
 * the CLI and the act-as simulator. Every object and array is readonly (and frozen once assembled), arrays are
 * sorted deterministically (names compared by code point), and objects point at each other through stable
 * `{kind, schema, name}` references, never through OIDs (OIDs are kept as plain facts where useful).
 */

/** A deeply readonly object / array, so the inferred types forbid mutation everywhere. */
const obj = <S extends z.ZodRawShape>(shape: S) => z.object(shape).readonly();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

// ---------------------------------------------------------------------------------------------- references

/** What a reference points at. Tables, views, materialized views, partitioned and foreign tables are `relation`. */
export const objectKindSchema = z.enum([
  'database',
  'schema',
  'role',
  'relation',
  'column',
  'sequence',
  'function',
  'type',
  'extension',
  'constraint',
  'index',
  'trigger',
  'policy',
  'collation',
  'statistics',
  'publication',
  'rule',
  'language',
]);
export type ObjectKind = z.infer<typeof objectKindSchema>;

/**
 * A stable reference to one object. `schema` is null for objects outside schemas (database, schema, role,
 * extension). Members of a relation (column, constraint, index, trigger, policy, rule) use the relation as
 * `schema.name` and their own name as `member`. Functions carry their identity argument types in `args`
 * (`pg_get_function_identity_arguments`, e.g. `integer, text`) so overloads stay distinct. An event trigger,
 * database-wide, is a trigger of no relation: `{ kind: 'trigger', schema: null, name }` (see isEventTriggerRef).
 * A publication, database-wide too, is `{ kind: 'publication', schema: null, name }`, and so is a procedural
 * language: `{ kind: 'language', schema: null, name }`.
 */
export const objectRefSchema = obj({
  kind: objectKindSchema,
  schema: z.string().nullable(),
  name: z.string(),
  member: z.string().optional(),
  args: z.string().optional(),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

/** A relation (or type) by schema and name. */
export const qualifiedNameSchema = obj({ schema: z.string(), name: z.string() });
export type QualifiedName = z.infer<typeof qualifiedNameSchema>;

/** A column of a relation by schema, table and column name. */
export const columnRefSchema = obj({ schema: z.string(), table: z.string(), column: z.string() });
export type ColumnRef = z.infer<typeof columnRefSchema>;

/** A grantee or policy role: PUBLIC is its own kind, never a role name. */
export const principalSchema = z.discriminatedUnion('kind', [
  obj({ kind: z.literal('public') }),
  obj({ kind: z.literal('role'), name: z.string() }),
]);
export type Principal = z.infer<typeof principalSchema>;

export { isEventTriggerRef, principalLabel, refKey, refLabel, sameRef } from './refs.js';

// ---------------------------------------------------------------------------------------------- types

/** How PostgreSQL classifies a type (pg_type.typtype). Arrays are `base` with `isArray`. */
export const typeKindSchema = z.enum([
  'base',
  'composite',
  'domain',
  'enum',
  'pseudo',
  'range',
  'multirange',
]);
export type TypeKind = z.infer<typeof typeKindSchema>;

/** A use of a type (column, argument, return value). */
export const typeRefSchema = obj({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  /** format_type(): `character varying(20)`, `integer[]`, `public.mood`. Includes the typmod for columns. */
  formatted: z.string(),
  kind: typeKindSchema,
  isArray: z.boolean(),
  /** For arrays: the element type's OID; otherwise null. */
  elementOid: z.number().int().nullable(),
});
export type TypeRef = z.infer<typeof typeRefSchema>;

// ---------------------------------------------------------------------------------------------- server & database

export const serverInfoSchema = obj({
  /** `version()`-style server_version, e.g. `18.1`. */
  version: z.string(),
  versionNum: z.number().int(),
  major: z.number().int(),
  currentUser: z.string(),
  sessionUser: z.string(),
  currentDatabase: z.string(),
  isSuperuser: z.boolean(),
  bypassRls: z.boolean(),
  /** Whether password presence could be read (pg_authid is readable by superusers only). */
  canReadPasswords: z.boolean(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const databaseSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  owner: z.string(),
  encoding: z.string(),
  collate: z.string().nullable(),
  ctype: z.string().nullable(),
  comment: z.string().nullable(),
  connectionLimit: z.number().int(),
  allowConnections: z.boolean(),
});
export type DatabaseInfo = z.infer<typeof databaseSchema>;

// ---------------------------------------------------------------------------------------------- roles

/** A `name = value` configuration setting (proconfig, rolconfig, setconfig). */
export const settingSchema = obj({ name: z.string(), value: z.string() });
export type Setting = z.infer<typeof settingSchema>;

export const roleSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  superuser: z.boolean(),
  inherit: z.boolean(),
  createRole: z.boolean(),
  createDb: z.boolean(),
  canLogin: z.boolean(),
  replication: z.boolean(),
  bypassRls: z.boolean(),
  /** -1 means no limit. */
  connectionLimit: z.number().int(),
  /** ISO 8601 timestamp, or null when the password never expires. */
  validUntil: z.string().nullable(),
  /** Whether a password is set; null when the reader may not see pg_authid (never the hash itself). */
  hasPassword: z.boolean().nullable(),
  /** Built-in roles (pg_*), e.g. pg_read_all_data. */
  isSystem: z.boolean(),
  comment: z.string().nullable(),
  /** Settings for this role in every database (ALTER ROLE … SET). */
  settings: list(settingSchema),
});
export type Role = z.infer<typeof roleSchema>;

/** `member` is a member of `role` (GRANT role TO member). */
export const membershipSchema = obj({
  role: z.string(),
  member: z.string(),
  grantor: z.string().nullable(),
  admin: z.boolean(),
  /** PG16+: pg_auth_members.inherit_option; before: the member's rolinherit. */
  inherit: z.boolean(),
  /** PG16+: pg_auth_members.set_option; before: always true. */
  set: z.boolean(),
  /** True when inherit/set come from the server (PG16+), false when derived for older servers. */
  optionsFromServer: z.boolean(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** One row of pg_db_role_setting: settings for a role (database null = all), a database (role null = all), or both. */
export const roleSettingSchema = obj({
  role: z.string().nullable(),
  database: z.string().nullable(),
  settings: list(settingSchema),
});
export type RoleSetting = z.infer<typeof roleSettingSchema>;

// ---------------------------------------------------------------------------------------------- schemas & extensions

export const schemaSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  owner: z.string(),
  comment: z.string().nullable(),
  /** The extension that created this schema, if any. */
  extension: z.string().nullable(),
});
export type SchemaInfo = z.infer<typeof schemaSchema>;

export const extensionSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  version: z.string(),
  schema: z.string(),
  relocatable: z.boolean(),
  owner: z.string(),
  comment: z.string().nullable(),
  /**
   * The versions ALTER EXTENSION … UPDATE TO can reach from this one on its server (its update scripts); absent when
   * unknown (no control file, or a model read before it was).
   */
  updateTargets: list(z.string()).optional(),
});
export type Extension = z.infer<typeof extensionSchema>;

// ---------------------------------------------------------------------------------------------- relations

export const relationKindSchema = z.enum([
  'table',
  'view',
  'materialized_view',
  'partitioned_table',
  'foreign_table',
]);
export type RelationKind = z.infer<typeof relationKindSchema>;

/** pg_attribute.attstorage / pg_type.typstorage as SET STORAGE spells them. */
export const columnStorageSchema = z.enum(['plain', 'external', 'extended', 'main']);
export type ColumnStorage = z.infer<typeof columnStorageSchema>;

export const columnSchema = obj({
  name: z.string(),
  /** attnum: 1-based, gaps where columns were dropped. */
  position: z.number().int(),
  type: typeRefSchema,
  notNull: z.boolean(),
  /**
   * PostgreSQL 18+: the NOT NULL constraint behind `notNull` (pg_constraint), with its name; NOT VALID (`validated`
   * false: the column may still hold nulls), NO INHERIT, and `local` false where it is only inherited (a partition's
   * always is). Absent before 18, and in models read before it was.
   */
  notNullConstraint: obj({
    name: z.string(),
    validated: z.boolean(),
    noInherit: z.boolean(),
    local: z.boolean(),
  }).optional(),
  /** Default expression text (pg_get_expr), null if none. Generated columns keep their expression in `generation`. */
  default: z.string().nullable(),
  identity: z.enum(['always', 'by_default']).nullable(),
  generated: z.enum(['stored', 'virtual']).nullable(),
  /** The generation expression of a generated column. */
  generation: z.string().nullable(),
  /** The collation's name (`default` for the database's), null for types without one. */
  collation: z.string().nullable(),
  /** The collation's schema when it is not pg_catalog (a user collation, written qualified); absent otherwise. */
  collationSchema: z.string().optional(),
  /** SET STORAGE: present only when the column's storage is not its type's default (`typeDefault`). */
  storage: obj({ value: columnStorageSchema, typeDefault: columnStorageSchema }).optional(),
  /** SET COMPRESSION (PostgreSQL 14+): present only when the column names a method (attcompression set). */
  compression: z.string().optional(),
  /** SET STATISTICS: present only when set (attstattarget; -1 before 17 and NULL from 17 mean the default). */
  statistics: z.number().int().optional(),
  /** ALTER COLUMN … SET (n_distinct=…): attoptions as written (`name=value`); absent when none is set. */
  options: list(z.string()).optional(),
  /** A foreign table column's FDW options (`name=value`, ALTER COLUMN … OPTIONS); absent when none is set. */
  fdwOptions: list(z.string()).optional(),
  /**
   * true: a column an INHERITS child has from a parent and also declares as its own (attislocal with attinhcount
   * > 0: written in its CREATE TABLE … INHERITS and merged, or there before ALTER TABLE … INHERIT), so a parent's DROP
   * COLUMN leaves it. Absent for a column only inherited, a table's own, a partition's (and in models read before
   * it was).
   */
  declared: z.literal(true).optional(),
  comment: z.string().nullable(),
  /**
   * Views only: the base-table column this view column shows unchanged (followed through views of views),
   * as PostgREST derives it from the view's query tree; null for expressions and for non-views.
   */
  source: columnRefSchema.nullable(),
  /**
   * Views only: the relation column this view column shows unchanged, one step back (the view's own query
   * tree: resorigtbl/resorigcol), which may itself be a view column; null for expressions, non-views and
   * relations outside the model. PostgREST follows these steps only through views of db-schemas and
   * db-extra-search-path, so the act-as schema cache walks them itself.
   */
  origin: columnRefSchema.nullable(),
});
export type Column = z.infer<typeof columnSchema>;

export const fkActionSchema = z.enum(['no_action', 'restrict', 'cascade', 'set_null', 'set_default']);
export type FkAction = z.infer<typeof fkActionSchema>;

export const foreignKeySchema = obj({
  /** The referenced relation and its columns, in the same order as the constraint's `columns`. */
  table: qualifiedNameSchema,
  columns: list(z.string()),
  onUpdate: fkActionSchema,
  onDelete: fkActionSchema,
  match: z.enum(['simple', 'full', 'partial']),
});
export type ForeignKey = z.infer<typeof foreignKeySchema>;

export const constraintKindSchema = z.enum(['primary_key', 'unique', 'check', 'foreign_key', 'exclusion']);
export type ConstraintKind = z.infer<typeof constraintKindSchema>;

export const constraintSchema = obj({
  name: z.string(),
  kind: constraintKindSchema,
  /** The constrained columns of this relation, in key order (empty for table-level checks). */
  columns: list(z.string()),
  /** pg_get_constraintdef(), e.g. `FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE`. */
  definition: z.string(),
  foreignKey: foreignKeySchema.nullable(),
  deferrable: z.boolean(),
  deferred: z.boolean(),
  validated: z.boolean(),
  /** The index enforcing a pk/unique/exclusion constraint. */
  index: z.string().nullable(),
  /**
   * A copy PostgreSQL made of a parent constraint (pg_constraint.conparentid ≠ 0): a partition's share of its
   * parent's key, or one per partition of a foreign key that references a partitioned table.
   */
  inherited: z.boolean(),
  /**
   * false: not declared on this table, only copied from a parent (pg_constraint.conislocal): an INHERITS child's
   * copy of its parent's check, dropped and re-added through the parent alone. Absent when declared here (and
   * in models read before it was).
   */
  local: z.literal(false).optional(),
  comment: z.string().nullable(),
});
export type Constraint = z.infer<typeof constraintSchema>;

export const indexSchema = obj({
  name: z.string(),
  /** Key columns in order; null for an expression. */
  columns: list(z.string().nullable()),
  /** INCLUDE columns. */
  include: list(z.string()),
  unique: z.boolean(),
  primary: z.boolean(),
  method: z.string(),
  predicate: z.string().nullable(),
  valid: z.boolean(),
  definition: z.string(),
  /**
   * A partition's index attached to its parent's index of this name (pg_inherits): it goes with that one and
   * cannot be dropped alone. Absent for an index of the table's own (and in models read before it was).
   */
  attachedTo: z.string().optional(),
  comment: z.string().nullable(),
  /** Statistics targets set on its (expression) columns, by column number; absent when none is set. */
  statistics: list(obj({ column: z.number().int(), target: z.number().int() })).optional(),
});
export type Index = z.infer<typeof indexSchema>;

export const triggerEventSchema = z.enum(['insert', 'update', 'delete', 'truncate']);
export const triggerSchema = obj({
  name: z.string(),
  timing: z.enum(['before', 'after', 'instead_of']),
  events: list(triggerEventSchema),
  level: z.enum(['row', 'statement']),
  function: obj({ schema: z.string(), name: z.string(), args: z.string() }),
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  /** Whether this is a constraint trigger. */
  isConstraint: z.boolean(),
  definition: z.string(),
  comment: z.string().nullable(),
});
export type Trigger = z.infer<typeof triggerSchema>;

/**
 * A rewrite rule (CREATE RULE; pg_rewrite, a view's own _RETURN aside). `definition` is pg_get_ruledef()'s
 * CREATE RULE without its closing semicolon; `enabled` as ALTER TABLE … ENABLE / DISABLE RULE spells it.
 */
export const ruleSchema = obj({
  name: z.string(),
  event: z.enum(['select', 'insert', 'update', 'delete']),
  definition: z.string(),
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  comment: z.string().nullable(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const relationSchema = obj({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  kind: relationKindSchema,
  owner: z.string(),
  comment: z.string().nullable(),
  rlsEnabled: z.boolean(),
  rlsForced: z.boolean(),
  /** Views and materialized views: pg_get_viewdef(). */
  viewDefinition: z.string().nullable(),
  /** Views: WITH CHECK OPTION. */
  checkOption: z.enum(['local', 'cascaded']).nullable(),
  securityBarrier: z.boolean(),
  /** Views (PG15+): security_invoker, i.e. RLS and privileges of the querying role apply to base tables. */
  securityInvoker: z.boolean(),
  /** reloptions as written, e.g. `fillfactor=70`. */
  options: list(z.string()),
  /**
   * The TOAST table's reloptions, without their `toast.` prefix (`autovacuum_enabled=false`); absent when none is
   * set (and in models read before they were).
   */
  toastOptions: list(z.string()).optional(),
  /** pg_relation_is_updatable for views and foreign tables; all true for tables. */
  insertable: z.boolean(),
  updatable: z.boolean(),
  deletable: z.boolean(),
  /** For partitions: the parent and the bound text. */
  partitionOf: qualifiedNameSchema.nullable(),
  partitionBound: z.string().nullable(),
  /** For partitioned tables: pg_get_partkeydef(). */
  partitionKey: z.string().nullable(),
  /** Plain inheritance (INHERITS) parents in order; partitions have their parent in `partitionOf` instead. */
  inherits: list(qualifiedNameSchema),
  /**
   * A typed table's composite type (CREATE TABLE … OF type): its columns are the type's attributes and follow
   * them. Absent for any other relation (and in models read before it was).
   */
  ofType: qualifiedNameSchema.optional(),
  /** Foreign tables: the server and the table's options (`name=value`), else null. */
  foreignTable: obj({ server: z.string(), options: list(z.string()) }).nullable(),
  /** An UNLOGGED table (relpersistence 'u'); absent for a logged one (and in models read before it was). */
  unlogged: z.literal(true).optional(),
  /**
   * REPLICA IDENTITY other than the default (the primary key): every column, none, or a unique index's. Absent
   * for the default (and in models read before it was). Logical replication (Supabase Realtime) reads it.
   */
  replicaIdentity: z.union([z.enum(['nothing', 'full']), obj({ index: z.string() })]).optional(),
  /**
   * The index CLUSTER orders a table or materialized view by (ALTER TABLE … CLUSTER ON, indisclustered); absent
   * when none is marked (and in models read before it was).
   */
  clusterOn: z.string().optional(),
  /** reltuples, null when never analysed. */
  estimatedRows: z.number().nullable(),
  /** The relation's row type OID (what functions returning this table name). */
  rowTypeOid: z.number().int(),
  extension: z.string().nullable(),
  columns: list(columnSchema),
  constraints: list(constraintSchema),
  indexes: list(indexSchema),
  triggers: list(triggerSchema),
  /** Rewrite rules by name; absent when there are none (and in models read before rules were). */
  rules: list(ruleSchema).optional(),
});
export type Relation = z.infer<typeof relationSchema>;

export const sequenceSchema = obj({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  owner: z.string(),
  dataType: z.string(),
  /** Bigint-sized values are carried as strings. */
  start: z.string(),
  increment: z.string(),
  min: z.string(),
  max: z.string(),
  cache: z.string(),
  cycle: z.boolean(),
  /** The column the sequence belongs to (serial / identity / OWNED BY). */
  ownedBy: columnRefSchema.nullable(),
  /** True for identity-column sequences. */
  identity: z.boolean(),
  comment: z.string().nullable(),
  extension: z.string().nullable(),
  /**
   * An UNLOGGED sequence (PostgreSQL 15+, relpersistence 'u'); absent for a logged one (and in models read before it
   * was). A table's SET LOGGED / UNLOGGED takes the sequences it owns along.
   */
  unlogged: z.literal(true).optional(),
});
export type Sequence = z.infer<typeof sequenceSchema>;

// ---------------------------------------------------------------------------------------------- functions

export const argModeSchema = z.enum(['in', 'out', 'inout', 'variadic', 'table']);
export type ArgMode = z.infer<typeof argModeSchema>;

export const functionArgSchema = obj({
  /** 1-based position among all arguments (including OUT / TABLE ones). */
  position: z.number().int(),
  name: z.string().nullable(),
  mode: argModeSchema,
  type: typeRefSchema,
  hasDefault: z.boolean(),
  default: z.string().nullable(),
});
export type FunctionArg = z.infer<typeof functionArgSchema>;

export const functionReturnSchema = obj({
  /** The declared return type (`record` for RETURNS TABLE / OUT parameters, `void` for most procedures). */
  type: typeRefSchema,
  setOf: z.boolean(),
  /** Composite result: a table row type, a composite type, RETURNS TABLE, or several OUT parameters. */
  isComposite: z.boolean(),
  /** RETURNS TABLE (…). */
  isTable: z.boolean(),
  /** When the return type is a relation's row type (table, view, …): that relation. */
  relation: qualifiedNameSchema.nullable(),
  /** The result columns of RETURNS TABLE / OUT parameters. */
  columns: list(obj({ name: z.string().nullable(), type: typeRefSchema })),
  /** pg_get_function_result(), e.g. `SETOF public.users`, `TABLE(id integer)`. */
  text: z.string().nullable(),
});
export type FunctionReturn = z.infer<typeof functionReturnSchema>;

/** FINALFUNC_MODIFY / MFINALFUNC_MODIFY: whether the final function may change the state. */
const finalModifySchema = z.enum(['read_only', 'shareable', 'read_write']);

/**
 * An aggregate's definition (pg_aggregate) as CREATE AGGREGATE spells it: support functions as regproc prints them
 * (qualified unless in pg_catalog), types as format_type does, the sort operator as regoper does; each null where
 * there is none. `m…` are the moving-aggregate mode's.
 */
export const aggregateSchema = obj({
  /** A normal aggregate, an ordered-set one (WITHIN GROUP) or a hypothetical-set one. */
  kind: z.enum(['normal', 'ordered_set', 'hypothetical']),
  sfunc: z.string(),
  stype: z.string(),
  sspace: z.number().int(),
  finalfunc: z.string().nullable(),
  finalfuncExtra: z.boolean(),
  finalfuncModify: finalModifySchema,
  combinefunc: z.string().nullable(),
  serialfunc: z.string().nullable(),
  deserialfunc: z.string().nullable(),
  initcond: z.string().nullable(),
  msfunc: z.string().nullable(),
  minvfunc: z.string().nullable(),
  mstype: z.string().nullable(),
  msspace: z.number().int(),
  mfinalfunc: z.string().nullable(),
  mfinalfuncExtra: z.boolean(),
  mfinalfuncModify: finalModifySchema,
  minitcond: z.string().nullable(),
  sortop: z.string().nullable(),
});
export type Aggregate = z.infer<typeof aggregateSchema>;

export const functionSchema = obj({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['function', 'procedure', 'aggregate', 'window']),
  /** pg_get_function_identity_arguments(): the overload key used in references. */
  identityArgs: z.string(),
  /** pg_get_function_arguments(): the full argument list with modes, names and defaults. */
  argumentsText: z.string(),
  args: list(functionArgSchema),
  returns: functionReturnSchema,
  volatility: z.enum(['immutable', 'stable', 'volatile']),
  securityDefiner: z.boolean(),
  strict: z.boolean(),
  leakproof: z.boolean(),
  parallel: z.enum(['safe', 'restricted', 'unsafe']),
  language: z.string(),
  owner: z.string(),
  comment: z.string().nullable(),
  /** proconfig: SET clauses, e.g. search_path. */
  config: list(settingSchema),
  /** prosrc: the body (or the C symbol). */
  source: z.string().nullable(),
  /** A SQL-standard body (`RETURN …` / `BEGIN ATOMIC … END`, pg_get_function_sqlbody); absent otherwise. */
  sqlBody: z.string().optional(),
  cost: z.number(),
  rows: z.number(),
  extension: z.string().nullable(),
  /** Aggregates: their definition; absent for other routines (and in models read before it was). */
  aggregate: aggregateSchema.optional(),
});
export type FunctionInfo = z.infer<typeof functionSchema>;

// ---------------------------------------------------------------------------------------------- user types

export const domainConstraintSchema = obj({
  name: z.string(),
  definition: z.string(),
  notNull: z.boolean(),
  validated: z.boolean(),
  /** COMMENT ON CONSTRAINT … ON DOMAIN; absent when none (and in models read before it was). */
  comment: z.string().optional(),
});

export const userTypeSchema = obj({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['enum', 'domain', 'composite', 'range', 'multirange', 'base']),
  owner: z.string(),
  comment: z.string().nullable(),
  /** The OID of this type's array type, or null. */
  arrayOid: z.number().int().nullable(),
  /** Enums: labels in sort order. */
  labels: list(z.string()),
  /** Domains: base type, NOT NULL, default and CHECK constraints. */
  domain: obj({
    baseType: typeRefSchema,
    notNull: z.boolean(),
    default: z.string().nullable(),
    constraints: list(domainConstraintSchema),
    /** COLLATE: present only when the domain's collation is not its base type's. */
    collation: qualifiedNameSchema.optional(),
  }).nullable(),
  /** Composite types: attributes in order. */
  attributes: list(
    obj({
      name: z.string(),
      position: z.number().int(),
      type: typeRefSchema,
      /** COLLATE: present only when the attribute's collation is not its type's. */
      collation: qualifiedNameSchema.optional(),
      /** COMMENT ON COLUMN type.attribute; absent when none (and in models read before it was). */
      comment: z.string().optional(),
    }),
  ),
  /** Ranges: the subtype. */
  rangeSubtype: typeRefSchema.nullable(),
  /**
   * Ranges: the options SUBTYPE alone would not give, each present only where set — a collation other than the
   * subtype's, a subtype operator class other than its default, canonical and subtype_diff functions (as regproc
   * prints them), a multirange type not named by PostgreSQL's rule. Absent when there is none.
   */
  range: obj({
    collation: qualifiedNameSchema.optional(),
    opclass: qualifiedNameSchema.optional(),
    canonical: z.string().optional(),
    subtypeDiff: z.string().optional(),
    multirange: qualifiedNameSchema.optional(),
  }).optional(),
  extension: z.string().nullable(),
});
export type UserType = z.infer<typeof userTypeSchema>;

// ---------------------------------------------------------------------------------------------- privileges

export const privilegeSchema = z.enum([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
  'EXECUTE',
  'USAGE',
  'CREATE',
  'CONNECT',
  'TEMPORARY',
]);
export type Privilege = z.infer<typeof privilegeSchema>;

/**
 * One privilege on one object. `object.kind` is relation, column, schema, function, sequence, type, database or
 * (USAGE on a trusted procedural language) language. `implicit` marks the owner/PUBLIC defaults PostgreSQL applies
 * while the object's ACL is still null.
 */
export const grantSchema = obj({
  object: objectRefSchema,
  grantee: principalSchema,
  privilege: privilegeSchema,
  grantor: z.string(),
  grantable: z.boolean(),
  implicit: z.boolean(),
});
export type Grant = z.infer<typeof grantSchema>;

export const defaultPrivilegeObjectSchema = z.enum([
  'tables',
  'sequences',
  'functions',
  'types',
  'schemas',
  'large_objects',
]);
export type DefaultPrivilegeObject = z.infer<typeof defaultPrivilegeObjectSchema>;

/** ALTER DEFAULT PRIVILEGES FOR ROLE `role` [IN SCHEMA `schema`]: what objects `role` creates will get. */
export const defaultPrivilegeSchema = obj({
  role: z.string(),
  /** null: global (all schemas). */
  schema: z.string().nullable(),
  objectType: defaultPrivilegeObjectSchema,
  grants: list(
    obj({
      grantee: principalSchema,
      privilege: privilegeSchema,
      grantor: z.string(),
      grantable: z.boolean(),
    }),
  ),
});
export type DefaultPrivilege = z.infer<typeof defaultPrivilegeSchema>;

// ---------------------------------------------------------------------------------------------- policies

export const policyCommandSchema = z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);
export type PolicyCommand = z.infer<typeof policyCommandSchema>;

export const policySchema = obj({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  permissive: z.boolean(),
  command: policyCommandSchema,
  /** TO roles; `[{kind:'public'}]` for the default PUBLIC. */
  roles: list(principalSchema),
  using: z.string().nullable(),
  withCheck: z.string().nullable(),
  comment: z.string().nullable(),
});
export type Policy = z.infer<typeof policySchema>;

// ---------------------------------------------------------------------------------------------- dependencies

/**
 * `from` depends on `to` (pg_depend), lifted to model objects: a view's rule becomes the view, a constraint,
 * default, trigger, policy or index becomes its relation. Only edges between objects of this model are kept,
 * self-edges and duplicates dropped. `via` says what carries the edge.
 */
/** What carries a dependency edge (the dependant's catalog, lifted to its model object). */
export const dependencyViaSchema = z.enum([
  'direct',
  'rule',
  'constraint',
  'default',
  'trigger',
  'policy',
  'index',
  'type',
]);

export const dependencySchema = obj({
  from: objectRefSchema,
  to: objectRefSchema,
  kind: z.enum(['normal', 'auto', 'internal']),
  via: dependencyViaSchema,
  /**
   * The columns of `to` (a relation) the dependant uses, by name, when it uses only columns (a view over some of
   * a table's columns); absent when it depends on the whole object.
   */
  columns: list(z.string()).optional(),
});
export type Dependency = z.infer<typeof dependencySchema>;

// ---------------------------------------------------------------------------------------------- casts

/**
 * A user-defined cast (CREATE CAST). Types as format_type prints them with an empty search_path (user types
 * schema-qualified). PostgREST uses the implicit function casts between a domain and json/text as "data
 * representations": how a domain column is shown in JSON and parsed from JSON bodies and query-string values.
 */
export const castSchema = obj({
  sourceType: z.string(),
  targetType: z.string(),
  sourceIsDomain: z.boolean(),
  targetIsDomain: z.boolean(),
  context: z.enum(['implicit', 'assignment', 'explicit']),
  method: z.enum(['function', 'inout', 'binary']),
  /** The cast function (method `function`); `sql` is how to call it (regproc text). */
  function: obj({ schema: z.string(), name: z.string(), args: z.string(), sql: z.string() }).nullable(),
});
export type Cast = z.infer<typeof castSchema>;

// ---------------------------------------------------------------------------------------------- event triggers

/**
 * A database-wide event trigger (pg_event_trigger): a function returning event_trigger, run on an event for the
 * command tags listed (none: every tag). `enabled` as ALTER EVENT TRIGGER spells it (evtenabled O/D/R/A). Only a
 * superuser can create one, and its owner must be a superuser. Event triggers an extension created are left out.
 */
export const eventTriggerSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  /** ddl_command_start, ddl_command_end, sql_drop, table_rewrite, login (17+). */
  event: z.string(),
  function: qualifiedNameSchema,
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  /** WHEN TAG IN (…), in the catalog's order; empty when the trigger fires for every command tag. */
  tags: list(z.string()),
  owner: z.string(),
  comment: z.string().nullable(),
});
export type EventTrigger = z.infer<typeof eventTriggerSchema>;

// ---------------------------------------------------------------------------------------------- collations

/**
 * A collation of the included schemas (CREATE COLLATION). `locale` is the ICU / builtin locale (colllocale,
 * colliculocale before 17, collcollate for ICU on 14); `collate` / `ctype` are libc's, null otherwise. `version` is
 * the provider's version recorded at creation: a fact of the server's library, never written (restores record
 * their own) and not compared.
 */
export const collationSchema = obj({
  schema: z.string(),
  name: z.string(),
  owner: z.string(),
  provider: z.enum(['libc', 'icu', 'builtin']),
  deterministic: z.boolean(),
  locale: z.string().nullable(),
  collate: z.string().nullable(),
  ctype: z.string().nullable(),
  /** ICU tailoring rules (PostgreSQL 16+). */
  icuRules: z.string().nullable(),
  version: z.string().nullable(),
  comment: z.string().nullable(),
  extension: z.string().nullable(),
});
export type Collation = z.infer<typeof collationSchema>;

// ---------------------------------------------------------------------------------------------- extended statistics

/**
 * An extended statistics object (CREATE STATISTICS) on one table: its kinds, the columns and expressions it
 * covers, its statistics target (null: the default) and `definition` as pg_get_statisticsobjdef writes it.
 */
export const statisticsObjectSchema = obj({
  schema: z.string(),
  name: z.string(),
  table: qualifiedNameSchema,
  owner: z.string(),
  /** Asked-for kinds; an expression-only object reads `expressions` alone. */
  kinds: list(z.enum(['ndistinct', 'dependencies', 'mcv', 'expressions'])),
  columns: list(z.string()),
  expressions: list(z.string()),
  target: z.number().int().nullable(),
  definition: z.string(),
  comment: z.string().nullable(),
});
export type StatisticsObject = z.infer<typeof statisticsObjectSchema>;

// ---------------------------------------------------------------------------------------------- publications

/** What a publication sends (pubinsert, pubupdate, pubdelete, pubtruncate), as WITH (publish = …) names it. */
export const publishActionSchema = z.enum(['insert', 'update', 'delete', 'truncate']);
export type PublishAction = z.infer<typeof publishActionSchema>;

/** A table published by name (pg_publication_rel): ADD TABLE ONLY s.t [(columns)] [WHERE (filter)]. */
export const publicationTableSchema = obj({
  schema: z.string(),
  name: z.string(),
  /** The column list (PostgreSQL 15+, prattrs) in attnum order; absent: every column. */
  columns: list(z.string()).optional(),
  /** The row filter (PostgreSQL 15+, pg_get_expr of prqual); absent: every row. */
  where: z.string().optional(),
});
export type PublicationTable = z.infer<typeof publicationTableSchema>;

/**
 * A publication (logical replication; Supabase Realtime listens to `supabase_realtime`): every table, or the tables
 * it names and (15+) the schemas whose tables it takes (TABLES IN SCHEMA), what it publishes of them and whether a
 * partition's changes go out as its root's. Members outside the included schemas are left out.
 */
export const publicationSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  owner: z.string(),
  comment: z.string().nullable(),
  /** FOR ALL TABLES (puballtables): then there are no tables or schemas. */
  allTables: z.boolean(),
  /** In insert, update, delete, truncate order. */
  publish: list(publishActionSchema),
  viaPartitionRoot: z.boolean(),
  /** By schema and name (code point order). */
  tables: list(publicationTableSchema),
  /** TABLES IN SCHEMA (PostgreSQL 15+, pg_publication_namespace), by name. */
  schemas: list(z.string()),
});
export type Publication = z.infer<typeof publicationSchema>;

// ---------------------------------------------------------------------------------------------- languages

/**
 * A procedural language of the database (pg_language: plpgsql, sql, an extension's plv8…). Only its privileges
 * are diffed: USAGE, on trusted languages, decides who may create functions in it (PUBLIC holds it while the ACL
 * is still null). `extension` is the extension that created it (plpgsql's own), null for a built-in one.
 */
export const languageSchema = obj({
  oid: z.number().int(),
  name: z.string(),
  owner: z.string(),
  /** lanpltrusted: only a trusted language's USAGE can be granted (an untrusted one is for superusers alone). */
  trusted: z.boolean(),
  extension: z.string().nullable(),
});
export type Language = z.infer<typeof languageSchema>;

// ---------------------------------------------------------------------------------------------- the model

export const CATALOG_FORMAT = 1;

export const catalogSchema = obj({
  format: z.literal(CATALOG_FORMAT),
  /** ISO timestamp of the read (transaction start). */
  readAt: z.string(),
  server: serverInfoSchema,
  database: databaseSchema,
  /** Schemas the read left out (system schemas unless asked for). */
  excludedSchemas: list(z.string()),
  roles: list(roleSchema),
  memberships: list(membershipSchema),
  roleSettings: list(roleSettingSchema),
  schemas: list(schemaSchema),
  extensions: list(extensionSchema),
  relations: list(relationSchema),
  sequences: list(sequenceSchema),
  functions: list(functionSchema),
  types: list(userTypeSchema),
  grants: list(grantSchema),
  defaultPrivileges: list(defaultPrivilegeSchema),
  policies: list(policySchema),
  dependencies: list(dependencySchema),
  /** User-defined casts; absent in models read before casts were. */
  casts: list(castSchema).optional(),
  /** Event triggers; absent in models read before event triggers were. */
  eventTriggers: list(eventTriggerSchema).optional(),
  /** Collations of the included schemas; absent in models read before collations were. */
  collations: list(collationSchema).optional(),
  /** Extended statistics objects; absent in models read before they were. */
  statistics: list(statisticsObjectSchema).optional(),
  /** Publications; absent in models read before publications were. */
  publications: list(publicationSchema).optional(),
  /**
   * Procedural languages, by name; absent in models read before languages were (their grants then are not
   * either, and a diff against such a model leaves language privileges alone).
   */
  languages: list(languageSchema).optional(),
});
export type Catalog = z.infer<typeof catalogSchema>;
