import { z } from 'zod';
import { dependencyViaSchema, privilegeSchema } from '../../shared/model/catalog.js';

/**
 * The row shape of each sql/catalog/*.sql query as node-postgres returns it (oid/int → number,
 * arrays → JS arrays, bigint-ish values cast to text in SQL). Rows are validated before assembly so a
 * catalog change between versions fails loudly (GH202) instead of producing a half-filled model.
 */
const text = z.string();
const maybeText = z.string().nullable();
const int = z.number().int();
const maybeInt = z.number().int().nullable();

export const serverRow = z.object({
  version: text,
  version_num: int,
  current_user_name: text,
  session_user_name: text,
  current_database: text,
  is_superuser: z.boolean(),
  bypass_rls: z.boolean(),
  can_read_authid: z.boolean(),
  read_at: text,
});

export const databaseRow = z.object({
  oid: int,
  name: text,
  owner: text,
  encoding: text,
  collate: maybeText,
  ctype: maybeText,
  comment: maybeText,
  connection_limit: int,
  allow_connections: z.boolean(),
});

export const roleRow = z.object({
  oid: int,
  name: text,
  superuser: z.boolean(),
  inherit: z.boolean(),
  create_role: z.boolean(),
  create_db: z.boolean(),
  can_login: z.boolean(),
  replication: z.boolean(),
  bypass_rls: z.boolean(),
  connection_limit: int,
  valid_until: maybeText,
  is_system: z.boolean(),
  comment: maybeText,
  settings: z.array(text),
});

export const rolePasswordRow = z.object({ oid: int, has_password: z.boolean() });

export const membershipRow = z.object({
  role: text,
  member: text,
  grantor: maybeText,
  admin: z.boolean(),
  inherit: z.boolean(),
  set: z.boolean(),
  options_from_server: z.boolean(),
});

export const roleSettingRow = z.object({ role: maybeText, database: maybeText, settings: z.array(text) });

export const schemaRow = z.object({
  oid: int,
  name: text,
  owner: text,
  comment: maybeText,
  extension: maybeText,
  is_system: z.boolean(),
});

export const extensionRow = z.object({
  oid: int,
  name: text,
  version: text,
  schema: text,
  relocatable: z.boolean(),
  owner: text,
  comment: maybeText,
  update_targets: z.array(text).nullable(),
});

export const relationRow = z.object({
  oid: int,
  schema: text,
  name: text,
  kind: z.enum(['table', 'view', 'materialized_view', 'partitioned_table', 'foreign_table']),
  owner: text,
  comment: maybeText,
  rls_enabled: z.boolean(),
  rls_forced: z.boolean(),
  view_definition: maybeText,
  options: z.array(text),
  updatable_bits: int,
  partition_of_schema: maybeText,
  partition_of_name: maybeText,
  partition_bound: maybeText,
  partition_key: maybeText,
  estimated_rows: z.number().nullable(),
  row_type_oid: int,
  extension: maybeText,
  /** [schema, name] pairs. */
  inherits: z.array(z.array(text)),
  foreign_server: maybeText,
  foreign_options: z.array(text),
  unlogged: z.boolean(),
  /** null: the default (the primary key, or nothing for a view). */
  replica_identity: z.enum(['nothing', 'full', 'index']).nullable(),
  replica_index: maybeText,
  cluster_index: maybeText,
  toast_options: z.array(text).nullable(),
  of_type_schema: maybeText,
  of_type_name: maybeText,
});

/** not-null-constraints.sql (PostgreSQL 18+). */
export const notNullConstraintRow = z.object({
  relation_oid: int,
  position: int,
  name: text,
  validated: z.boolean(),
  no_inherit: z.boolean(),
  local: z.boolean(),
});

export const columnRow = z.object({
  relation_oid: int,
  name: text,
  position: int,
  type_oid: int,
  formatted_type: maybeText,
  not_null: z.boolean(),
  default_value: maybeText,
  identity: z.enum(['always', 'by_default']).nullable(),
  generated: z.enum(['stored', 'virtual']).nullable(),
  generation: maybeText,
  collation: maybeText,
  comment: maybeText,
  collation_schema: maybeText,
  storage: z.enum(['p', 'e', 'x', 'm']).nullable(),
  type_storage: z.enum(['p', 'e', 'x', 'm']).nullable(),
  compression: maybeText,
  statistics_target: maybeInt,
  options: z.array(text).nullable(),
  fdw_options: z.array(text).nullable(),
  declared: z.boolean(),
});

const fkAction = z.enum(['no_action', 'restrict', 'cascade', 'set_null', 'set_default']);
export const constraintRow = z.object({
  relation_oid: int,
  name: text,
  kind: z.enum(['primary_key', 'unique', 'check', 'foreign_key', 'exclusion']),
  key_attnums: z.array(int),
  definition: maybeText,
  ref_schema: maybeText,
  ref_table: maybeText,
  ref_oid: int,
  ref_attnums: z.array(int),
  ref_columns: z.array(text).nullable(),
  on_update: fkAction.nullable(),
  on_delete: fkAction.nullable(),
  match_type: z.enum(['simple', 'full', 'partial']).nullable(),
  deferrable: z.boolean(),
  deferred: z.boolean(),
  validated: z.boolean(),
  index_name: maybeText,
  inherited: z.boolean(),
  local: z.boolean(),
  comment: maybeText,
});

export const indexRow = z.object({
  relation_oid: int,
  name: text,
  attnums: z.array(int),
  key_count: int,
  is_unique: z.boolean(),
  is_primary: z.boolean(),
  nulls_not_distinct: z.boolean(),
  method: text,
  predicate: maybeText,
  valid: z.boolean(),
  definition: maybeText,
  attached_to: maybeText,
  comment: maybeText,
});

export const triggerRow = z.object({
  relation_oid: int,
  name: text,
  timing: z.enum(['before', 'after', 'instead_of']),
  events: z.array(z.enum(['insert', 'update', 'delete', 'truncate'])),
  level: z.enum(['row', 'statement']),
  function_schema: text,
  function_name: text,
  function_args: text,
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  is_constraint: z.boolean(),
  definition: text,
  comment: maybeText,
});

export const keywordRow = z.object({ word: text });

export const viewQueryRow = z.object({ relation_oid: int, query_tree: text });

export const sequenceRow = z.object({
  oid: int,
  schema: text,
  name: text,
  owner: text,
  data_type: text,
  start_value: text,
  increment: text,
  min_value: text,
  max_value: text,
  cache: text,
  cycle: z.boolean(),
  owned_schema: maybeText,
  owned_table: maybeText,
  owned_column: maybeText,
  is_identity: z.boolean(),
  comment: maybeText,
  extension: maybeText,
  unlogged: z.boolean(),
});

export const castRow = z.object({
  oid: int,
  source_type: text,
  target_type: text,
  source_is_domain: z.boolean(),
  target_is_domain: z.boolean(),
  context: z.enum(['implicit', 'assignment', 'explicit']),
  method: z.enum(['function', 'inout', 'binary']),
  function_schema: maybeText,
  function_name: maybeText,
  function_args: maybeText,
  function_sql: maybeText,
  executable: z.boolean(),
});

export const eventTriggerRow = z.object({
  oid: int,
  name: text,
  event: text,
  function_schema: text,
  function_name: text,
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  tags: z.array(text),
  owner: text,
  comment: maybeText,
});

export const functionRow = z.object({
  oid: int,
  schema: text,
  name: text,
  kind: z.enum(['function', 'procedure', 'aggregate', 'window']),
  identity_args: text,
  arguments_text: text,
  return_type_oid: int,
  return_type_formatted: text,
  set_of: z.boolean(),
  returns_table: z.boolean(),
  is_composite: z.boolean(),
  return_relation_schema: maybeText,
  return_relation_name: maybeText,
  result_text: maybeText,
  volatility: z.enum(['immutable', 'stable', 'volatile']),
  security_definer: z.boolean(),
  strict: z.boolean(),
  leakproof: z.boolean(),
  parallel: z.enum(['safe', 'restricted', 'unsafe']),
  language: text,
  owner: text,
  comment: maybeText,
  config: z.array(text),
  source: maybeText,
  cost: z.number(),
  result_rows: z.number(),
  extension: maybeText,
  sql_body: maybeText,
});

const finalModify = z.enum(['r', 's', 'w']);
export const aggregateRow = z.object({
  function_oid: int,
  kind: z.enum(['normal', 'ordered_set', 'hypothetical']),
  sfunc: text,
  stype: text,
  sspace: int,
  finalfunc: maybeText,
  finalfunc_extra: z.boolean(),
  finalfunc_modify: finalModify,
  combinefunc: maybeText,
  serialfunc: maybeText,
  deserialfunc: maybeText,
  initcond: maybeText,
  msfunc: maybeText,
  minvfunc: maybeText,
  mstype: maybeText,
  msspace: int,
  mfinalfunc: maybeText,
  mfinalfunc_extra: z.boolean(),
  mfinalfunc_modify: finalModify,
  minitcond: maybeText,
  sortop: maybeText,
});

export const functionArgRow = z.object({
  function_oid: int,
  position: int,
  name: maybeText,
  mode: z.enum(['in', 'out', 'inout', 'variadic', 'table']),
  type_oid: int,
  formatted_type: text,
  default_value: maybeText,
});

export const typeNameRow = z.object({
  oid: int,
  schema: text,
  name: text,
  formatted: text,
  kind: z.enum(['base', 'composite', 'domain', 'enum', 'pseudo', 'range', 'multirange']),
  is_array: z.boolean(),
  element_oid: maybeInt,
});

export const typeRow = z.object({
  oid: int,
  schema: text,
  name: text,
  kind: z.enum(['enum', 'domain', 'composite', 'range', 'multirange', 'base']),
  owner: text,
  comment: maybeText,
  array_oid: maybeInt,
  labels: z.array(text),
  base_type_oid: maybeInt,
  base_type_formatted: maybeText,
  not_null: z.boolean(),
  default_value: maybeText,
  range_subtype_oid: maybeInt,
  range_subtype_formatted: maybeText,
  extension: maybeText,
  collation_schema: maybeText,
  collation_name: maybeText,
});

export const domainConstraintRow = z.object({
  type_oid: int,
  name: text,
  not_null: z.boolean(),
  definition: text,
  validated: z.boolean(),
  comment: maybeText,
});

export const typeAttributeRow = z.object({
  type_oid: int,
  name: text,
  position: int,
  attribute_type_oid: int,
  formatted_type: text,
  collation_schema: maybeText,
  collation_name: maybeText,
  comment: maybeText,
});

export const grantRow = z.object({
  kind: z.enum(['relation', 'sequence', 'schema', 'function', 'type', 'database', 'language', 'column']),
  oid: int,
  column_name: maybeText,
  implicit: z.boolean(),
  /** The object's aclitem[] as text (see grants.sql and acl-text.ts). */
  acl: text,
});

export const defaultPrivilegeRow = z.object({
  role: text,
  schema: maybeText,
  object_type: z.enum(['tables', 'sequences', 'functions', 'types', 'schemas', 'large_objects']),
  grantor: maybeText,
  grantee_is_public: z.boolean().nullable(),
  grantee: maybeText,
  privilege: privilegeSchema.nullable(),
  grantable: z.boolean().nullable(),
});

export const policyRow = z.object({
  schema: text,
  table_name: text,
  name: text,
  permissive: z.boolean(),
  command: z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']),
  role_oids: z.array(int),
  using_expr: maybeText,
  with_check_expr: maybeText,
  comment: maybeText,
});

export const dependencyRow = z.object({
  via: dependencyViaSchema,
  from_catalog: z.enum(['class', 'function', 'type']),
  from_oid: int,
  to_catalog: z.enum(['class', 'function', 'type', 'collation']),
  to_oid: int,
  kind: z.enum(['normal', 'auto', 'internal']),
  /** refobjsubid: the column of `to` used, 0 for the whole object. */
  to_column: int,
});

export const collationRow = z.object({
  oid: int,
  schema: text,
  name: text,
  owner: text,
  provider: z.enum(['libc', 'icu', 'builtin']),
  deterministic: z.boolean(),
  locale: maybeText,
  lc_collate: maybeText,
  lc_ctype: maybeText,
  icu_rules: maybeText,
  version: maybeText,
  comment: maybeText,
  extension: maybeText,
});

export const statisticsRow = z.object({
  schema: text,
  name: text,
  table_schema: text,
  table_name: text,
  owner: text,
  kinds: z.array(z.enum(['ndistinct', 'dependencies', 'mcv', 'expressions'])),
  columns: z.array(text),
  expressions: z.array(text),
  target: maybeInt,
  definition: text,
  comment: maybeText,
});

export const ruleRow = z.object({
  relation_oid: int,
  name: text,
  event: z.enum(['select', 'insert', 'update', 'delete']),
  definition: text,
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  comment: maybeText,
});

export const publicationRow = z.object({
  oid: int,
  name: text,
  owner: text,
  comment: maybeText,
  all_tables: z.boolean(),
  publish_insert: z.boolean(),
  publish_update: z.boolean(),
  publish_delete: z.boolean(),
  publish_truncate: z.boolean(),
  via_partition_root: z.boolean(),
});

export const publicationTableRow = z.object({
  publication_oid: int,
  schema: text,
  name: text,
  columns: z.array(text).nullable(),
  where: maybeText,
});

export const publicationSchemaRow = z.object({ publication_oid: int, schema: text });

export const languageRow = z.object({
  oid: int,
  name: text,
  owner: text,
  trusted: z.boolean(),
  extension: maybeText,
});

export const rangeOptionRow = z.object({
  type_oid: int,
  collation_schema: maybeText,
  collation_name: maybeText,
  opclass_schema: maybeText,
  opclass_name: maybeText,
  canonical: maybeText,
  subtype_diff: maybeText,
  multirange_schema: maybeText,
  multirange_name: maybeText,
});

export const indexStatisticsRow = z.object({
  relation_oid: int,
  index_name: text,
  column_number: int,
  target: int,
});

export type ServerRow = z.infer<typeof serverRow>;
export type DatabaseRow = z.infer<typeof databaseRow>;
export type RoleRow = z.infer<typeof roleRow>;
export type RolePasswordRow = z.infer<typeof rolePasswordRow>;
export type MembershipRow = z.infer<typeof membershipRow>;
export type RoleSettingRow = z.infer<typeof roleSettingRow>;
export type SchemaRow = z.infer<typeof schemaRow>;
export type ExtensionRow = z.infer<typeof extensionRow>;
export type RelationRow = z.infer<typeof relationRow>;
export type ColumnRow = z.infer<typeof columnRow>;
export type ConstraintRow = z.infer<typeof constraintRow>;
export type IndexRow = z.infer<typeof indexRow>;
export type TriggerRow = z.infer<typeof triggerRow>;
export type KeywordRow = z.infer<typeof keywordRow>;
export type ViewQueryRow = z.infer<typeof viewQueryRow>;
export type SequenceRow = z.infer<typeof sequenceRow>;
export type CastRow = z.infer<typeof castRow>;
export type EventTriggerRow = z.infer<typeof eventTriggerRow>;
export type FunctionRow = z.infer<typeof functionRow>;
export type FunctionArgRow = z.infer<typeof functionArgRow>;
export type AggregateRow = z.infer<typeof aggregateRow>;
export type TypeNameRow = z.infer<typeof typeNameRow>;
export type TypeRow = z.infer<typeof typeRow>;
export type NotNullConstraintRow = z.infer<typeof notNullConstraintRow>;
export type DomainConstraintRow = z.infer<typeof domainConstraintRow>;
export type TypeAttributeRow = z.infer<typeof typeAttributeRow>;
export type GrantRow = z.infer<typeof grantRow>;
export type DefaultPrivilegeRow = z.infer<typeof defaultPrivilegeRow>;
export type PolicyRow = z.infer<typeof policyRow>;
export type DependencyRow = z.infer<typeof dependencyRow>;
export type CollationRow = z.infer<typeof collationRow>;
export type StatisticsRow = z.infer<typeof statisticsRow>;
export type RuleRow = z.infer<typeof ruleRow>;
export type PublicationRow = z.infer<typeof publicationRow>;
export type PublicationTableRow = z.infer<typeof publicationTableRow>;
export type PublicationSchemaRow = z.infer<typeof publicationSchemaRow>;
export type LanguageRow = z.infer<typeof languageRow>;
export type RangeOptionRow = z.infer<typeof rangeOptionRow>;
export type IndexStatisticsRow = z.infer<typeof indexStatisticsRow>;

/**
 * relation-fingerprints.sql: what `gatehouse diff` of two live databases compares before it reads the relations
 * (core/catalog/trim.ts). refs: each other relation used, as "f" (through a foreign key) or "o", its schema and
 * its name, joined by U+001F.
 */
export const relationFingerprintRow = z.object({
  oid: int,
  schema: text,
  name: text,
  fixed: z.boolean(),
  fingerprint: text,
  key_fingerprint: text,
  refs: z.array(text),
  sequence_oids: z.array(int),
});
