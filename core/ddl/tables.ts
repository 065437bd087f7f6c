import { GatehouseError } from '../../shared/errors.js';
import type {
  Column,
  ColumnStorage,
  Constraint,
  QualifiedName,
  Relation,
  Sequence,
} from '../../shared/model/catalog.js';
import { parenthesisedExpression, typeName } from './expression.js';
import { checkParenthesised } from './names.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { optionList, optionNames, splitOption, storageParameters } from './reloptions.js';
import { sequenceOptions } from './sequences.js';
import { refs, statement, type Statement } from './statement.js';
import { statisticsTargetSql } from './statistics.js';
import type { Target } from './target.js';

const RELATION_WORD: Record<Relation['kind'], string> = {
  table: 'TABLE',
  partitioned_table: 'TABLE',
  foreign_table: 'FOREIGN TABLE',
  view: 'VIEW',
  materialized_view: 'MATERIALIZED VIEW',
};

/** A relation as ALTER / COMMENT / DROP name it (the keyword follows its kind). */
export function relationTarget(r: Pick<Relation, 'schema' | 'name' | 'kind'>): Target {
  return {
    word: RELATION_WORD[r.kind],
    name: quoteQualified(r.schema, r.name),
    object: refs.relation(r.schema, r.name),
  };
}

export function columnTarget(schema: string, table: string, column: string): Target {
  return {
    word: 'COLUMN',
    name: `${quoteQualified(schema, table)}.${quoteIdent(column)}`,
    object: refs.member('column', schema, table, column),
  };
}

export function constraintTarget(schema: string, table: string, name: string): Target {
  return {
    word: 'CONSTRAINT',
    name: `${quoteIdent(name)} ON ${quoteQualified(schema, table)}`,
    object: refs.member('constraint', schema, table, name),
  };
}

/** ` (SEQUENCE NAME s.n START WITH …)`: an identity's sequence as the model has it. */
function identityOptions(seq: Sequence): string {
  // The sequence's type follows the column's: AS would conflict with it.
  return ` (SEQUENCE NAME ${quoteQualified(seq.schema, seq.name)} ${sequenceOptions({ ...seq, dataType: undefined })})`;
}

/** The parts of a column a definition needs; `identitySequence` gives an identity column its exact options. */
export type ColumnSpec = Pick<
  Column,
  'name' | 'type' | 'notNull' | 'default' | 'identity' | 'generated' | 'generation' | 'collation'
> &
  Pick<Partial<Column>, 'collationSchema' | 'notNullConstraint' | 'declared'>;

/** `COLLATE c` (qualified for a user collation), or nothing for none and the database default. */
function collateClause(collation: string | null | undefined, schema: string | undefined): string {
  if (collation == null || collation === 'default') return '';
  return ` COLLATE ${schema !== undefined ? quoteQualified(schema, collation) : quoteIdent(collation)}`;
}

/** `name type [COLLATE c] [GENERATED …] [DEFAULT …] [NOT NULL]`. */
export function columnDefinition(c: ColumnSpec, identitySequence?: Sequence): string {
  const sql = `${quoteIdent(c.name)} ${typeName(c.type.formatted)}`;
  return sql + collateClause(c.collation, c.collationSchema) + columnConstraints(c, identitySequence);
}

/**
 * ` NOT NULL`, or (18+) ` CONSTRAINT n NOT NULL [NO INHERIT]`: always named, for the name PostgreSQL would give is
 * taken while a rebuilt table's old copy holds it (it then appends a digit); nothing for a NOT VALID one, which
 * addNotNullConstraint() adds once the rows are in.
 */
function notNullClause(c: ColumnSpec): string {
  const k = c.notNullConstraint;
  if (k === undefined) return ' NOT NULL';
  if (!k.validated) return '';
  return ` CONSTRAINT ${quoteIdent(k.name)} NOT NULL${k.noInherit ? ' NO INHERIT' : ''}`;
}

/** ` [GENERATED …] [DEFAULT …] [NOT NULL]`: what follows a column's type (a typed table's WITH OPTIONS too). */
function columnConstraints(c: ColumnSpec, identitySequence?: Sequence): string {
  let sql = '';
  if (c.generated !== null) {
    if (c.generation === null)
      throw new GatehouseError('GH222', `The generated column ${c.name} has no expression.`);
    sql += ` GENERATED ALWAYS AS ${parenthesisedExpression(c.generation, 'generation expression')} ${c.generated.toUpperCase()}`;
  } else if (c.identity !== null) {
    sql += ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    if (identitySequence !== undefined) sql += identityOptions(identitySequence);
  } else if (c.default !== null) {
    sql += ` DEFAULT ${parenthesisedExpression(c.default, 'default expression')}`;
  }
  if (c.notNull) sql += notNullClause(c);
  return sql;
}

/** A typed table's column: `name WITH OPTIONS …` where it has a default, NOT NULL or the like; else nothing. */
function typedColumnDefinition(c: ColumnSpec, identitySequence?: Sequence): string | null {
  const constraints = columnConstraints(c, identitySequence);
  return constraints === '' ? null : `${quoteIdent(c.name)} WITH OPTIONS${constraints}`;
}

function sameColumn(a: ColumnSpec, b: ColumnSpec): boolean {
  return (
    a.type.formatted === b.type.formatted &&
    a.notNull === b.notNull &&
    a.default === b.default &&
    a.identity === b.identity &&
    a.generated === b.generated &&
    a.generation === b.generation &&
    a.collation === b.collation &&
    a.collationSchema === b.collationSchema
  );
}

/** `CONSTRAINT name <pg_get_constraintdef text>`. */
export function constraintDefinition(k: Pick<Constraint, 'name' | 'definition'>): string {
  return `CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`;
}

export interface CreateTableOptions {
  /** The identity sequences of the table's identity columns (by column name). */
  readonly identitySequences?: ReadonlyMap<string, Sequence>;
  /**
   * Inheritance: the parents' columns by name. A column the same as its parent's and not declared on the child is
   * left to the merge, and one that differs is written without the generation it inherits (PostgreSQL before 16
   * refuses it there).
   */
  readonly inheritedColumns?: ReadonlyMap<string, Column>;
  /** Which constraints go inline; the rest are added later with ALTER TABLE (default: all but foreign keys). */
  readonly inlineConstraint?: (k: Constraint) => boolean;
}

/** Inline by default: every validated constraint that is not a foreign key (those wait for their targets). */
export const inlineByDefault = (k: Constraint): boolean => k.kind !== 'foreign_key' && k.validated;

/**
 * Whether a partition's identity column has its parent's identity (17+): it has no sequence of its own. ATTACH gives
 * it, DETACH takes it away, and the parent's ALTERs reach it: never written on the partition itself.
 */
export function identityIsParents(
  c: Pick<Column, 'identity'>,
  partitionOf: QualifiedName | null,
  sequence: Sequence | undefined,
): boolean {
  return c.identity !== null && partitionOf !== null && sequence === undefined;
}

/**
 * CREATE TABLE s.t (columns, constraints) [PARTITION BY …] [WITH (…)]. A partition is written as a plain table;
 * attachPartition() makes it one (as pg_dump does), so its own constraints and indexes carry over exactly.
 */
export function createTable(
  r: Pick<
    Relation,
    | 'schema'
    | 'name'
    | 'kind'
    | 'columns'
    | 'constraints'
    | 'partitionKey'
    | 'options'
    | 'toastOptions'
    | 'unlogged'
    | 'ofType'
  > & {
    readonly inherits?: readonly QualifiedName[];
    readonly partitionOf?: QualifiedName | null;
  },
  options: CreateTableOptions = {},
): Statement {
  if (r.kind !== 'table' && r.kind !== 'partitioned_table')
    throw new GatehouseError('GH222', `CREATE TABLE cannot write a ${r.kind.replace('_', ' ')}.`, {
      details: `${r.schema}.${r.name}`,
    });
  const inline = options.inlineConstraint ?? inlineByDefault;
  const columns: string[] = [];
  for (const c of r.columns) {
    const parent = options.inheritedColumns?.get(c.name);
    // One the child declares too is written (merged, its own as well): a parent's DROP COLUMN leaves it.
    if (parent !== undefined && c.declared !== true && sameColumn(c, parent)) continue;
    let own = parent?.generated != null ? { ...c, generated: null, generation: null } : c;
    // A NOT NULL only inherited (18+) comes with INHERITS under its parent's name: written, it would be the child's own.
    if (parent !== undefined && c.notNullConstraint?.local === false) own = { ...own, notNull: false };
    const sequence = options.identitySequences?.get(c.name);
    // ATTACH gives a partition its parent's identity, and refuses one that already has one.
    if (identityIsParents(c, r.partitionOf ?? null, sequence)) own = { ...own, identity: null };
    // A typed table's columns are its type's: only their options are written.
    const line =
      r.ofType !== undefined ? typedColumnDefinition(own, sequence) : columnDefinition(own, sequence);
    if (line !== null) columns.push(line);
  }
  // A check only copied from an INHERITS parent comes with INHERITS: written here it would be declared on the
  // child too (conislocal), and a later DROP on the parent would leave it behind.
  const inherits = r.inherits !== undefined && r.inherits.length > 0;
  const own = r.constraints.filter((k) => inline(k) && !(inherits && k.local === false));
  const lines = [...columns, ...own.map(constraintDefinition)];
  const unlogged = r.unlogged === true ? 'UNLOGGED ' : '';
  const of = r.ofType !== undefined ? ` OF ${quoteQualified(r.ofType.schema, r.ofType.name)}` : '';
  const body = lines.length > 0 ? ` (\n  ${lines.join(',\n  ')}\n)` : of !== '' ? '' : ' ()';
  let sql = `CREATE ${unlogged}TABLE ${quoteQualified(r.schema, r.name)}${of}${body}`;
  // Inherited columns that differ from their parents' are written: PostgreSQL merges them with the parents' ones.
  if (r.inherits !== undefined && r.inherits.length > 0)
    sql += ` INHERITS (${r.inherits.map((p) => quoteQualified(p.schema, p.name)).join(', ')})`;
  if (r.kind === 'partitioned_table') {
    if (r.partitionKey === null)
      throw new GatehouseError('GH222', `The partitioned table ${r.schema}.${r.name} has no partition key.`);
    sql += ` PARTITION BY ${checkPartitionKey(r.partitionKey)}`;
  }
  const parameters = storageParameters(r);
  if (parameters.length > 0) sql += ` WITH ${optionList(parameters)}`;
  return statement('create', refs.relation(r.schema, r.name), sql);
}

/**
 * CREATE FOREIGN TABLE s.t (columns, CHECK constraints) [INHERITS (…)] SERVER srv [OPTIONS (…)]. Column-level
 * FDW options follow with ALTER COLUMN … OPTIONS (columnAttributeStatements), as pg_dump writes them.
 */
export function createForeignTable(
  r: Pick<Relation, 'schema' | 'name' | 'columns' | 'constraints' | 'foreignTable'> & {
    readonly inherits?: readonly QualifiedName[];
  },
): Statement {
  if (r.foreignTable === null)
    throw new GatehouseError('GH222', `The foreign table ${r.schema}.${r.name} has no server in the model.`);
  // As in createTable: a check only copied from an INHERITS parent comes with INHERITS.
  const inherits = r.inherits !== undefined && r.inherits.length > 0;
  const lines = [
    ...r.columns.map((c) => columnDefinition(c)),
    ...r.constraints
      .filter((k) => k.kind === 'check' && k.validated && !(inherits && k.local === false))
      .map(constraintDefinition),
  ];
  let sql = `CREATE FOREIGN TABLE ${quoteQualified(r.schema, r.name)} (${lines.length > 0 ? `\n  ${lines.join(',\n  ')}\n` : ''})`;
  if (r.inherits !== undefined && r.inherits.length > 0)
    sql += ` INHERITS (${r.inherits.map((p) => quoteQualified(p.schema, p.name)).join(', ')})`;
  sql += ` SERVER ${quoteIdent(r.foreignTable.server)}`;
  if (r.foreignTable.options.length > 0) sql += ` OPTIONS ${fdwOptionList(r.foreignTable.options)}`;
  return statement('create', refs.relation(r.schema, r.name), sql);
}

/** FDW options `(name 'value', …)` from their stored `name=value` form. */
export function fdwOptionList(options: readonly string[]): string {
  return `(${options
    .map(splitOption)
    .map((o) => `${quoteIdent(o.name)} ${quoteLiteral(o.value)}`)
    .join(', ')})`;
}

/**
 * ALTER FOREIGN TABLE s.t [ALTER COLUMN c] OPTIONS (ADD n 'v', SET n 'v', DROP n): FDW options from `before` to
 * `after` (both `name=value`); null when they are the same.
 */
export function alterForeignOptions(
  schema: string,
  table: string,
  before: readonly string[],
  after: readonly string[],
  column?: string,
): Statement | null {
  const was = new Map(before.map(splitOption).map((o) => [o.name, o.value]));
  const now = new Map(after.map(splitOption).map((o) => [o.name, o.value]));
  const parts: string[] = [];
  for (const [name, value] of now) {
    const old = was.get(name);
    if (old !== value)
      parts.push(`${old === undefined ? 'ADD' : 'SET'} ${quoteIdent(name)} ${quoteLiteral(value)}`);
  }
  for (const name of was.keys()) if (!now.has(name)) parts.push(`DROP ${quoteIdent(name)}`);
  if (parts.length === 0) return null;
  const object =
    column === undefined ? refs.relation(schema, table) : refs.member('column', schema, table, column);
  const target = column === undefined ? '' : ` ALTER COLUMN ${quoteIdent(column)}`;
  return statement(
    'alter',
    object,
    `ALTER FOREIGN TABLE ${quoteQualified(schema, table)}${target} OPTIONS (${parts.join(', ')})`,
  );
}

/** pg_get_partkeydef text: `RANGE (at)`, `LIST (lower(name))`, `HASH (id)`. */
function checkPartitionKey(key: string): string {
  const m = /^(RANGE|LIST|HASH) \((.*)\)$/s.exec(key);
  if (m === null || m[2] === undefined)
    throw new GatehouseError('GH222', 'A partition key must read RANGE (…), LIST (…) or HASH (…).', {
      details: key,
    });
  checkParenthesised(m[2], 'partition key columns');
  return key;
}

/** ALTER TABLE parent ATTACH PARTITION child FOR VALUES … / DEFAULT. */
export function attachPartition(parent: QualifiedName, child: QualifiedName, bound: string): Statement {
  if (!/^(FOR VALUES |DEFAULT$)/.test(bound))
    throw new GatehouseError('GH222', 'A partition bound must read FOR VALUES … or DEFAULT.', {
      details: bound,
    });
  return statement(
    'alter',
    refs.relation(parent.schema, parent.name),
    `ALTER TABLE ${quoteQualified(parent.schema, parent.name)} ATTACH PARTITION ${quoteQualified(child.schema, child.name)} ${bound}`,
  );
}

export function detachPartition(
  parent: QualifiedName,
  child: QualifiedName,
  options: { concurrently?: boolean } = {},
): Statement {
  return statement(
    'alter',
    refs.relation(parent.schema, parent.name),
    `ALTER TABLE ${quoteQualified(parent.schema, parent.name)} DETACH PARTITION ${quoteQualified(child.schema, child.name)}${options.concurrently === true ? ' CONCURRENTLY' : ''}`,
    { transactional: options.concurrently !== true },
  );
}

// ------------------------------------------------------------------------------------------------ ALTER TABLE

function alterTable(
  schema: string,
  table: string,
  action: string,
  object = refs.relation(schema, table),
): Statement {
  return statement('alter', object, `ALTER TABLE ${quoteQualified(schema, table)} ${action}`);
}

export function addColumn(
  schema: string,
  table: string,
  column: ColumnSpec,
  identitySequence?: Sequence,
): Statement {
  return alterTable(
    schema,
    table,
    `ADD COLUMN ${columnDefinition(column, identitySequence)}`,
    refs.member('column', schema, table, column.name),
  );
}

export function dropColumn(
  schema: string,
  table: string,
  column: string,
  options: { cascade?: boolean } = {},
): Statement {
  const s = alterTable(
    schema,
    table,
    `DROP COLUMN ${quoteIdent(column)}${options.cascade === true ? ' CASCADE' : ''}`,
  );
  return { ...s, kind: 'drop', object: refs.member('column', schema, table, column) };
}

export function renameColumn(schema: string, table: string, column: string, newName: string): Statement {
  const s = alterTable(schema, table, `RENAME COLUMN ${quoteIdent(column)} TO ${quoteIdent(newName)}`);
  return { ...s, kind: 'rename', object: refs.member('column', schema, table, column) };
}

/**
 * ALTER COLUMN c TYPE t [COLLATE x] [USING expr]: a change in place (PostgreSQL rewrites the table when it must).
 * `castUsing` writes `USING c::t`, an explicit cast where only an explicit one exists (text to integer).
 */
export function alterColumnType(
  schema: string,
  table: string,
  column: string,
  type: string,
  using?: string,
  options: { collation?: string | null; collationSchema?: string; castUsing?: boolean } = {},
): Statement {
  const collate = collateClause(options.collation, options.collationSchema);
  const usingText =
    using !== undefined
      ? ` USING ${parenthesisedExpression(using, 'USING expression')}`
      : options.castUsing === true
        ? ` USING ${quoteIdent(column)}::${typeName(type)}`
        : '';
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} TYPE ${typeName(type)}${collate}${usingText}`,
    refs.member('column', schema, table, column),
  );
}

/**
 * ALTER COLUMN c TYPE t USING c::text::t (or text[] for arrays): moves a column onto a type rebuilt under the same
 * name (an enum that lost a value), through the text both share.
 */
export function alterColumnTypeThroughText(
  schema: string,
  table: string,
  column: string,
  type: string,
  isArray: boolean,
): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} TYPE ${typeName(type)} USING ${quoteIdent(column)}::${isArray ? 'text[]' : 'text'}::${typeName(type)}`,
    refs.member('column', schema, table, column),
  );
}

/**
 * ALTER COLUMN c TYPE t USING ROW((c).f::text, …)::t: moves a column of one composite type onto another field by
 * field, by name (a composite's text is positional: through text, fields that moved would swap or fail). `fields`
 * are t's attributes in order, each the old field of its name or null (a new one: NULL); each goes through its text,
 * as the whole row would. A null row stays null (`c IS NULL` is true of a row of nulls too).
 */
export function alterColumnTypeByFields(
  schema: string,
  table: string,
  column: string,
  type: string,
  fields: readonly (string | null)[],
): Statement {
  const v = quoteIdent(column);
  const t = typeName(type);
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${v} TYPE ${t} USING ${rowByFields(v, t, fields)}`,
    refs.member('column', schema, table, column),
  );
}

/** The fields of a composite `value` as ROW(…)::t spells them from an old one: each of t's by name, new ones NULL. */
function rowByFields(value: string, type: string, fields: readonly (string | null)[]): string {
  const row = fields.map((f) => (f === null ? 'NULL' : `(${value}).${quoteIdent(f)}::text`)).join(', ');
  return `CASE WHEN ${value}::text IS NULL THEN NULL ELSE ROW(${row})::${type} END`;
}

/**
 * The function that moves an array of one composite type onto another, element by element and field by field as
 * alterColumnTypeByFields moves one value (USING refuses a subquery; a function it calls may loop), its bounds
 * kept. It lives in the migration's session (pg_temp) and is dropped after use (`drop`). A multi-dimensional
 * array stops the migration, naming the type.
 */
export function compositeArrayMover(
  name: string,
  from: QualifiedName,
  to: QualifiedName,
  fields: readonly (string | null)[],
): { create: Statement; drop: Statement; call: (column: string) => string } {
  const fn = `pg_temp.${quoteIdent(name)}`;
  const oldType = quoteQualified(from.schema, from.name);
  const newType = quoteQualified(to.schema, to.name);
  const body = [
    `DECLARE r ${newType}[] := '{}';`,
    'BEGIN',
    '  IF a IS NULL THEN RETURN NULL; END IF;',
    "  IF pg_catalog.cardinality(a) = 0 THEN RETURN '{}'; END IF;",
    '  IF pg_catalog.array_ndims(a) > 1 THEN',
    `    RAISE EXCEPTION 'a multi-dimensional array of % cannot be moved onto the new type', ${quoteLiteral(`${to.schema}.${to.name}`)};`,
    '  END IF;',
    '  FOR i IN pg_catalog.array_lower(a, 1) .. pg_catalog.array_upper(a, 1) LOOP',
    `    r[i] := ${rowByFields('a[i]', newType, fields)};`,
    '  END LOOP;',
    '  RETURN r;',
    'END',
  ].join('\n');
  const object = refs.type(to.schema, to.name);
  return {
    create: statement(
      'create',
      object,
      `CREATE FUNCTION ${fn}(a ${oldType}[]) RETURNS ${newType}[] LANGUAGE plpgsql AS $gh_move$\n${body}\n$gh_move$`,
    ),
    drop: statement('drop', object, `DROP FUNCTION ${fn}(${oldType}[])`),
    call: (column) => `${fn}(${quoteIdent(column)})`,
  };
}

/** ALTER COLUMN c TYPE t[] USING mover(c): an array of a composite moved onto another (compositeArrayMover). */
export function alterColumnTypeThroughMover(
  schema: string,
  table: string,
  column: string,
  type: string,
  call: string,
): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} TYPE ${typeName(type)} USING ${call}`,
    refs.member('column', schema, table, column),
  );
}

/** ALTER COLUMN c SET EXPRESSION AS (expr) (PostgreSQL 17+): a new generation expression, the column kept. */
export function setColumnExpression(
  schema: string,
  table: string,
  column: string,
  expression: string,
): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} SET EXPRESSION AS ${parenthesisedExpression(expression, 'generation expression')}`,
    refs.member('column', schema, table, column),
  );
}

/** ALTER COLUMN c DROP EXPRESSION: a generated column becomes a plain one, its values kept. */
export function dropColumnExpression(schema: string, table: string, column: string): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} DROP EXPRESSION`,
    refs.member('column', schema, table, column),
  );
}

/** ALTER TABLE s.t INHERIT parent / NO INHERIT parent. */
export function setInheritance(
  schema: string,
  table: string,
  parent: QualifiedName,
  inherit: boolean,
): Statement {
  return alterTable(
    schema,
    table,
    `${inherit ? 'INHERIT' : 'NO INHERIT'} ${quoteQualified(parent.schema, parent.name)}`,
  );
}

/**
 * INSERT INTO s.t (columns) OVERRIDING SYSTEM VALUE SELECT columns FROM [ONLY] s.old: the rows of a table being
 * rebuilt (column order), copied into its new copy. Identity values are kept as they are. A column whose type
 * changes on the way is cast (`c::t`, or `c::text::t` between two enums), as ALTER COLUMN … TYPE … USING would.
 * `only`: an INHERITS parent's own rows, not its children's.
 */
export function copyRows(
  target: QualifiedName,
  source: QualifiedName,
  columns: readonly string[],
  casts: ReadonlyMap<string, { type: string; throughText: boolean }> = new Map(),
  options: { only?: boolean } = {},
): Statement {
  const list = columns.map(quoteIdent).join(', ');
  const only = options.only === true ? 'ONLY ' : '';
  const select = columns
    .map((c) => {
      const cast = casts.get(c);
      if (cast === undefined) return quoteIdent(c);
      return `${quoteIdent(c)}${cast.throughText ? '::text' : ''}::${typeName(cast.type)} AS ${quoteIdent(c)}`;
    })
    .join(', ');
  return statement(
    'alter',
    refs.relation(target.schema, target.name),
    `INSERT INTO ${quoteQualified(target.schema, target.name)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${select} FROM ${only}${quoteQualified(source.schema, source.name)}`,
  );
}

/** Moves an identity column's sequence past the highest value copied in (a rebuilt table keeps issuing new ones). */
export function syncIdentitySequence(schema: string, table: string, column: string): Statement {
  const qualified = quoteQualified(schema, table);
  return statement(
    'alter',
    refs.member('column', schema, table, column),
    `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${quoteLiteral(qualified)}, ${quoteLiteral(column)}), max(${quoteIdent(column)})) FROM ${qualified} HAVING max(${quoteIdent(column)}) IS NOT NULL`,
  );
}

export function setColumnDefault(
  schema: string,
  table: string,
  column: string,
  expression: string | null,
): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} ${expression === null ? 'DROP DEFAULT' : `SET DEFAULT ${parenthesisedExpression(expression, 'default expression')}`}`,
    refs.member('column', schema, table, column),
  );
}

export function setColumnNotNull(schema: string, table: string, column: string, notNull: boolean): Statement {
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} ${notNull ? 'SET' : 'DROP'} NOT NULL`,
    refs.member('column', schema, table, column),
  );
}

/** (18+) ADD CONSTRAINT n NOT NULL c [NO INHERIT] [NOT VALID]: a column's NOT NULL under a name, or not yet checked. */
export function addNotNullConstraint(
  schema: string,
  table: string,
  column: string,
  k: NonNullable<Column['notNullConstraint']>,
): Statement {
  return alterTable(
    schema,
    table,
    `ADD CONSTRAINT ${quoteIdent(k.name)} NOT NULL ${quoteIdent(column)}${k.noInherit ? ' NO INHERIT' : ''}${k.validated ? '' : ' NOT VALID'}`,
    refs.member('column', schema, table, column),
  );
}

/** (18+) ALTER CONSTRAINT n [NO] INHERIT, which PostgreSQL allows on NOT NULL constraints only. */
export function setConstraintInherit(
  schema: string,
  table: string,
  name: string,
  inherit: boolean,
): Statement {
  return alterTable(
    schema,
    table,
    `ALTER CONSTRAINT ${quoteIdent(name)} ${inherit ? 'INHERIT' : 'NO INHERIT'}`,
  );
}

/** ADD GENERATED … AS IDENTITY / DROP IDENTITY / SET GENERATED …. */
export function setColumnIdentity(
  schema: string,
  table: string,
  column: string,
  change: 'always' | 'by_default' | 'drop',
  /** `sequence`: the identity's sequence, named and set as the model has it (ADD only). */
  options: { existing?: boolean; sequence?: Sequence } = {},
): Statement {
  const word = change === 'always' ? 'ALWAYS' : 'BY DEFAULT';
  const seq = options.sequence;
  const action =
    change === 'drop'
      ? 'DROP IDENTITY'
      : options.existing === true
        ? `SET GENERATED ${word}`
        : `ADD GENERATED ${word} AS IDENTITY${seq === undefined ? '' : identityOptions(seq)}`;
  return alterTable(
    schema,
    table,
    `ALTER COLUMN ${quoteIdent(column)} ${action}`,
    refs.member('column', schema, table, column),
  );
}

/** ADD CONSTRAINT name <definition> (its NOT VALID, if any, is part of the definition). */
export function addConstraint(
  schema: string,
  table: string,
  k: Pick<Constraint, 'name' | 'definition'>,
): Statement {
  return alterTable(
    schema,
    table,
    `ADD ${constraintDefinition(k)}`,
    refs.member('constraint', schema, table, k.name),
  );
}

export function dropConstraint(
  schema: string,
  table: string,
  name: string,
  options: { ifExists?: boolean; cascade?: boolean } = {},
): Statement {
  const s = alterTable(
    schema,
    table,
    `DROP CONSTRAINT ${options.ifExists === true ? 'IF EXISTS ' : ''}${quoteIdent(name)}${options.cascade === true ? ' CASCADE' : ''}`,
  );
  return { ...s, kind: 'drop', object: refs.member('constraint', schema, table, name) };
}

export function renameConstraint(schema: string, table: string, name: string, newName: string): Statement {
  const s = alterTable(schema, table, `RENAME CONSTRAINT ${quoteIdent(name)} TO ${quoteIdent(newName)}`);
  return { ...s, kind: 'rename', object: refs.member('constraint', schema, table, name) };
}

export function validateConstraint(schema: string, table: string, name: string): Statement {
  return alterTable(
    schema,
    table,
    `VALIDATE CONSTRAINT ${quoteIdent(name)}`,
    refs.member('constraint', schema, table, name),
  );
}

/** SET (storage parameters) / RESET (names), on tables, materialized views and views alike. */
export function setRelationOptions(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  set: readonly string[],
  reset: readonly string[] = [],
): Statement {
  const t = relationTarget(r);
  const parts = [
    ...(set.length > 0 ? [`SET ${optionList(set)}`] : []),
    ...(reset.length > 0 ? [`RESET ${optionNames(reset)}`] : []),
  ];
  if (parts.length === 0) throw new GatehouseError('GH222', 'No storage parameter to set or reset.');
  return statement('alter', t.object, `ALTER ${t.word} ${t.name} ${parts.join(', ')}`);
}

// ------------------------------------------------------------------------------------------------ column attributes

/** `ALTER TABLE ONLY s.t` (no recursion: each partition and child has its own), or the matview's / foreign table's. */
function alterRelationOnly(r: Pick<Relation, 'schema' | 'name' | 'kind'>): string {
  const name = quoteQualified(r.schema, r.name);
  switch (r.kind) {
    case 'materialized_view':
      return `ALTER MATERIALIZED VIEW ${name}`;
    case 'foreign_table':
      return `ALTER FOREIGN TABLE ONLY ${name}`;
    case 'view':
      throw new GatehouseError('GH222', `The columns of the view ${r.schema}.${r.name} have no storage.`);
    default:
      return `ALTER TABLE ONLY ${name}`;
  }
}

const STORAGE_WORD: Record<ColumnStorage, string> = {
  plain: 'PLAIN',
  external: 'EXTERNAL',
  extended: 'EXTENDED',
  main: 'MAIN',
};

/** ALTER … ALTER COLUMN c SET STORAGE PLAIN | EXTERNAL | EXTENDED | MAIN. */
export function setColumnStorage(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  column: string,
  storage: ColumnStorage,
): Statement {
  return statement(
    'alter',
    refs.member('column', r.schema, r.name, column),
    `${alterRelationOnly(r)} ALTER COLUMN ${quoteIdent(column)} SET STORAGE ${STORAGE_WORD[storage]}`,
  );
}

/** ALTER … ALTER COLUMN c SET COMPRESSION method (PostgreSQL 14+); `default` when null. */
export function setColumnCompression(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  column: string,
  method: string | null,
): Statement {
  if (method !== null && !/^[a-z][a-z0-9_]*$/.test(method))
    throw new GatehouseError('GH222', 'A compression method must be a plain name such as pglz or lz4.', {
      details: method,
    });
  return statement(
    'alter',
    refs.member('column', r.schema, r.name, column),
    `${alterRelationOnly(r)} ALTER COLUMN ${quoteIdent(column)} SET COMPRESSION ${method ?? 'default'}`,
  );
}

/** ALTER … ALTER COLUMN c SET STATISTICS n. */
export function setColumnStatistics(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  column: string,
  target: number | null,
): Statement {
  return statement(
    'alter',
    refs.member('column', r.schema, r.name, column),
    `${alterRelationOnly(r)} ALTER COLUMN ${quoteIdent(column)} ${statisticsTargetSql(target)}`,
  );
}

/** ALTER … ALTER COLUMN c SET (name = value, …) / RESET (name, …): its attribute options (n_distinct…). */
export function setColumnOptions(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  column: string,
  change: { set: readonly string[] } | { reset: readonly string[] },
): Statement {
  const action = 'set' in change ? `SET ${optionList(change.set)}` : `RESET ${optionNames(change.reset)}`;
  return statement(
    'alter',
    refs.member('column', r.schema, r.name, column),
    `${alterRelationOnly(r)} ALTER COLUMN ${quoteIdent(column)} ${action}`,
  );
}

/**
 * What a column created with its type's defaults needs to match the model: storage, compression, target, attribute
 * and FDW options. A column merged from an INHERITS parent starts with the parent's storage and compression (`inherited`)
 * instead.
 */
export function columnAttributeStatements(
  r: Pick<Relation, 'schema' | 'name' | 'kind'>,
  c: Pick<Column, 'name' | 'storage' | 'compression' | 'statistics' | 'options' | 'fdwOptions'>,
  inherited?: Pick<Column, 'storage' | 'compression'>,
): Statement[] {
  const out: Statement[] = [];
  const storage = c.storage?.value ?? inherited?.storage?.typeDefault;
  if (c.storage?.value !== inherited?.storage?.value && storage !== undefined)
    out.push(setColumnStorage(r, c.name, storage));
  if (c.compression !== inherited?.compression)
    out.push(setColumnCompression(r, c.name, c.compression ?? null));
  if (c.statistics !== undefined) out.push(setColumnStatistics(r, c.name, c.statistics));
  if (c.options !== undefined && c.options.length > 0)
    out.push(setColumnOptions(r, c.name, { set: c.options }));
  const fdw = alterForeignOptions(r.schema, r.name, [], c.fdwOptions ?? [], c.name);
  if (fdw !== null) out.push(fdw);
  return out;
}

/** ALTER TABLE s.t REPLICA IDENTITY DEFAULT | NOTHING | FULL | USING INDEX i (undefined: the default). */
export function setReplicaIdentity(
  schema: string,
  table: string,
  identity: Relation['replicaIdentity'],
): Statement {
  const spelt =
    identity === undefined
      ? 'DEFAULT'
      : identity === 'nothing'
        ? 'NOTHING'
        : identity === 'full'
          ? 'FULL'
          : `USING INDEX ${quoteIdent(identity.index)}`;
  return alterTable(schema, table, `REPLICA IDENTITY ${spelt}`);
}

/** ALTER TABLE s.t OF type (its columns must be the type's, in order) | NOT OF (null). */
export function setTypeOf(schema: string, table: string, type: QualifiedName | null): Statement {
  return alterTable(schema, table, type === null ? 'NOT OF' : `OF ${quoteQualified(type.schema, type.name)}`);
}

/** ALTER TABLE s.t SET LOGGED | SET UNLOGGED (the table is rewritten). */
export function setLogged(schema: string, table: string, logged: boolean): Statement {
  return alterTable(schema, table, logged ? 'SET LOGGED' : 'SET UNLOGGED');
}

/** ALTER TABLE | MATERIALIZED VIEW s.t CLUSTER ON i, or SET WITHOUT CLUSTER (null): the index CLUSTER orders by. */
export function setClusterOn(r: Pick<Relation, 'schema' | 'name' | 'kind'>, index: string | null): Statement {
  const t = relationTarget(r);
  const action = index === null ? 'SET WITHOUT CLUSTER' : `CLUSTER ON ${quoteIdent(index)}`;
  return statement('alter', t.object, `ALTER ${t.word} ${t.name} ${action}`);
}
