import type {
  Column,
  ColumnRef,
  Constraint,
  Index,
  Relation,
  Sequence,
  Trigger,
} from '../../shared/model/catalog.js';
import type {
  ColumnRow,
  ConstraintRow,
  IndexRow,
  NotNullConstraintRow,
  RelationRow,
  SequenceRow,
  TriggerRow,
  ViewQueryRow,
} from './rows.js';
import { groupBy } from './group-by.js';
import { identQuoter } from '../ddl/quote.js';
import type { TypeRefs } from './type-refs.js';
import { resolveColumnOrigin, viewColumnOrigins, type ColumnOrigin } from './view-sources.js';

/** Reads `key=value` reloptions the way PostgreSQL parses booleans. */
function optionValue(options: readonly string[], name: string): string | null {
  const prefix = `${name}=`;
  const entry = options.find((o) => o.startsWith(prefix));
  return entry === undefined ? null : entry.slice(prefix.length).toLowerCase();
}
const isTrue = (v: string | null): boolean => v !== null && ['true', 'on', 'yes', '1'].includes(v);

export interface RelationParts {
  /** Keywords quote_ident() quotes, for the definitions spelled out here. */
  readonly reservedWords: ReadonlySet<string>;
  readonly relations: readonly RelationRow[];
  readonly columns: readonly ColumnRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
  readonly triggers: readonly TriggerRow[];
  readonly viewQueries: readonly ViewQueryRow[];
  /** PostgreSQL 18+ only: the columns' NOT NULL constraints. */
  readonly notNulls?: readonly NotNullConstraintRow[];
}

/** A foreign key's referential actions in pg_get_constraintdef's words (NO ACTION is left unsaid). */
const FK_ACTION: Partial<Record<string, string>> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  set_null: 'SET NULL',
  set_default: 'SET DEFAULT',
};

/** Relations with their columns, constraints, indexes and triggers; view columns get their base-table source. */
export function assembleRelations(parts: RelationParts, types: TypeRefs): Relation[] {
  const columnsOf = groupBy(parts.columns, (c) => c.relation_oid);
  const constraintsOf = groupBy(parts.constraints, (c) => c.relation_oid);
  const indexesOf = groupBy(parts.indexes, (i) => i.relation_oid);
  const triggersOf = groupBy(parts.triggers, (t) => t.relation_oid);
  const notNullsOf = groupBy(parts.notNulls ?? [], (n) => n.relation_oid);
  const byOid = new Map(parts.relations.map((r) => [r.oid, r]));
  // The server's own keyword list, so the definitions spelled out here read as its deparser writes them.
  const quoteName = identQuoter(parts.reservedWords);

  /**
   * A column's name by attnum, from the relation's columns in attnum order: without dropped columns the
   * attnum is the index plus one, so no map per relation (5,000 of them) is built for the lookup.
   */
  const columnName = (relOid: number, attnum: number): string | undefined => {
    const cols = columnsOf.get(relOid);
    if (cols === undefined) return undefined;
    const guess = cols[attnum - 1];
    if (guess !== undefined && guess.position === attnum) return guess.name;
    for (const c of cols) if (c.position === attnum) return c.name;
    return undefined;
  };
  const nameOf = (relOid: number, attnum: number): string => columnName(relOid, attnum) ?? `#${attnum}`;

  const origins = new Map<number, Map<number, ColumnOrigin>>();
  for (const v of parts.viewQueries) origins.set(v.relation_oid, viewColumnOrigins(v.query_tree));
  const refTo = (origin: ColumnOrigin | null): ColumnRef | null => {
    if (origin === null) return null;
    const base = byOid.get(origin.relationOid);
    const column = columnName(origin.relationOid, origin.attnum);
    return base === undefined || column === undefined
      ? null
      : Object.freeze({ schema: base.schema, table: base.name, column });
  };
  const sourceOf = (viewOid: number, attnum: number): ColumnRef | null =>
    refTo(resolveColumnOrigin(origins, viewOid, attnum));
  const originOf = (viewOid: number, attnum: number): ColumnRef | null =>
    refTo(origins.get(viewOid)?.get(attnum) ?? null);

  // 15,000 key definitions name the same few column names (id, code…): each is quoted once.
  const quotedNames = new Map<string, string>();
  const quoted = (name: string): string => {
    let q = quotedNames.get(name);
    if (q === undefined) quotedNames.set(name, (q = quoteName(name)));
    return q;
  };

  /** pg_get_constraintdef's words for a b-tree PRIMARY KEY / UNIQUE constraint (constraints.sql left it NULL). */
  const keyConstraintDefinition = (c: ConstraintRow, relOid: number): string => {
    const q = (attnum: number) => quoted(nameOf(relOid, attnum));
    const index = indexesOf.get(relOid)?.find((i) => i.name === c.index_name);
    let text = c.kind === 'primary_key' ? 'PRIMARY KEY ' : 'UNIQUE ';
    if (index?.nulls_not_distinct) text += 'NULLS NOT DISTINCT ';
    text += `(${c.key_attnums.map(q).join(', ')})`;
    if (index && index.attnums.length > index.key_count) {
      text += ` INCLUDE (${index.attnums.slice(index.key_count).map(q).join(', ')})`;
    }
    if (c.deferrable) text += ' DEFERRABLE';
    if (c.deferred) text += ' INITIALLY DEFERRED';
    if (!c.validated) text += ' NOT VALID';
    return text;
  };

  /** A foreign key's referenced columns: named here, or by constraints.sql when the relation is not read. */
  const referencedColumns = (c: ConstraintRow): string[] =>
    c.ref_columns ?? c.ref_attnums.map((n) => nameOf(c.ref_oid, n));

  /**
   * pg_get_constraintdef's words for a plain FOREIGN KEY (constraints.sql left it NULL): the referenced table
   * schema-qualified (the read's search_path is empty), NO ACTION and MATCH SIMPLE left unsaid.
   */
  const foreignKeyDefinition = (c: ConstraintRow, relOid: number): string => {
    const own = c.key_attnums.map((n) => quoted(nameOf(relOid, n)));
    const referenced = referencedColumns(c);
    let text = `FOREIGN KEY (${own.join(', ')}) REFERENCES ${quoted(c.ref_schema ?? '')}.${quoted(c.ref_table ?? '')}(${referenced.map(quoted).join(', ')})`;
    if (c.match_type === 'full') text += ' MATCH FULL';
    else if (c.match_type === 'partial') text += ' MATCH PARTIAL';
    const onUpdate = c.on_update === null ? undefined : FK_ACTION[c.on_update];
    if (onUpdate !== undefined) text += ` ON UPDATE ${onUpdate}`;
    const onDelete = c.on_delete === null ? undefined : FK_ACTION[c.on_delete];
    if (onDelete !== undefined) text += ` ON DELETE ${onDelete}`;
    if (c.deferrable) text += ' DEFERRABLE';
    if (c.deferred) text += ' INITIALLY DEFERRED';
    return text;
  };

  /**
   * pg_get_indexdef's words for an index on plain columns with default operator classes, collations and
   * ordering (indexes.sql left it NULL): a PRIMARY KEY / UNIQUE constraint's, or any other such index.
   */
  const plainIndexDefinition = (i: IndexRow, r: RelationRow): string => {
    const q = quoted;
    const columns = (attnums: readonly number[]) => attnums.map((n) => q(nameOf(r.oid, n))).join(', ');
    const include =
      i.attnums.length > i.key_count ? ` INCLUDE (${columns(i.attnums.slice(i.key_count))})` : '';
    return (
      `CREATE ${i.is_unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${q(r.schema)}.${q(r.name)} ` +
      `USING ${q(i.method)} (${columns(i.attnums.slice(0, i.key_count))})${include}`
    );
  };

  return parts.relations.map((r): Relation => {
    const isView = r.kind === 'view' || r.kind === 'materialized_view';
    // Frozen here with everything they hold (the type refs are frozen, the source just above), so the
    // final deepFreeze skips 50,000 objects instead of walking their keys.
    const columns = (columnsOf.get(r.oid) ?? []).map((c): Column => {
      const column: BuiltColumn = {
        name: c.name,
        position: c.position,
        type: types.ref(c.type_oid, c.formatted_type ?? undefined),
        notNull: c.not_null,
        default: c.default_value,
        identity: c.identity,
        generated: c.generated,
        generation: c.generation,
        collation: c.collation,
        comment: c.comment,
        source: isView ? sourceOf(r.oid, c.position) : null,
        origin: isView ? originOf(r.oid, c.position) : null,
      };
      addColumnFacts(column, c);
      const nn = c.not_null ? notNullsOf.get(r.oid)?.find((n) => n.position === c.position) : undefined;
      if (nn !== undefined)
        column.notNullConstraint = Object.freeze({
          name: nn.name,
          validated: nn.validated,
          noInherit: nn.no_inherit,
          local: nn.local,
        });
      return Object.freeze(column);
    });
    // Constraints, indexes and triggers are frozen whole as they are made too (30,000 of them).
    const constraints = (constraintsOf.get(r.oid) ?? []).map(
      (c): Constraint =>
        Object.freeze({
          name: c.name,
          kind: c.kind,
          columns: Object.freeze(c.key_attnums.map((n) => nameOf(r.oid, n))),
          definition:
            c.definition ??
            (c.kind === 'foreign_key' ? foreignKeyDefinition(c, r.oid) : keyConstraintDefinition(c, r.oid)),
          foreignKey:
            c.kind === 'foreign_key' && c.ref_schema !== null && c.ref_table !== null
              ? Object.freeze({
                  table: Object.freeze({ schema: c.ref_schema, name: c.ref_table }),
                  columns: Object.freeze(referencedColumns(c)),
                  onUpdate: c.on_update ?? 'no_action',
                  onDelete: c.on_delete ?? 'no_action',
                  match: c.match_type ?? 'simple',
                })
              : null,
          deferrable: c.deferrable,
          deferred: c.deferred,
          validated: c.validated,
          index: c.index_name,
          inherited: c.inherited,
          ...(c.local ? {} : { local: false }),
          comment: c.comment,
        }) as Constraint,
    );
    const indexes = (indexesOf.get(r.oid) ?? []).map(
      (i): Index =>
        Object.freeze({
          name: i.name,
          columns: Object.freeze(
            i.attnums.slice(0, i.key_count).map((n) => (n === 0 ? null : nameOf(r.oid, n))),
          ),
          include: Object.freeze(i.attnums.slice(i.key_count).map((n) => nameOf(r.oid, n))),
          unique: i.is_unique,
          primary: i.is_primary,
          method: i.method,
          predicate: i.predicate,
          valid: i.valid,
          definition: i.definition ?? plainIndexDefinition(i, r),
          ...(i.attached_to === null ? {} : { attachedTo: i.attached_to }),
          comment: i.comment,
        }) as Index,
    );
    const triggers = (triggersOf.get(r.oid) ?? []).map(
      (t): Trigger =>
        Object.freeze({
          name: t.name,
          timing: t.timing,
          events: Object.freeze(t.events),
          level: t.level,
          function: Object.freeze({
            schema: t.function_schema,
            name: t.function_name,
            args: t.function_args,
          }),
          enabled: t.enabled,
          isConstraint: t.is_constraint,
          definition: t.definition,
          comment: t.comment,
        }) as Trigger,
    );
    const checkOption = optionValue(r.options, 'check_option');
    return {
      oid: r.oid,
      schema: r.schema,
      name: r.name,
      kind: r.kind,
      owner: r.owner,
      comment: r.comment,
      rlsEnabled: r.rls_enabled,
      rlsForced: r.rls_forced,
      viewDefinition: r.view_definition,
      checkOption: checkOption === 'local' || checkOption === 'cascaded' ? checkOption : null,
      securityBarrier: isTrue(optionValue(r.options, 'security_barrier')),
      securityInvoker: isTrue(optionValue(r.options, 'security_invoker')),
      options: r.options,
      insertable: (r.updatable_bits & 8) !== 0,
      updatable: (r.updatable_bits & 4) !== 0,
      deletable: (r.updatable_bits & 16) !== 0,
      partitionOf:
        r.partition_of_schema !== null && r.partition_of_name !== null
          ? { schema: r.partition_of_schema, name: r.partition_of_name }
          : null,
      partitionBound: r.partition_bound,
      partitionKey: r.partition_key,
      inherits: r.inherits.map(([schema, name]) => ({ schema: schema ?? '', name: name ?? '' })),
      foreignTable:
        r.foreign_server !== null ? { server: r.foreign_server, options: r.foreign_options } : null,
      ...(r.unlogged ? { unlogged: true as const } : {}),
      ...(r.replica_identity === null || (r.kind !== 'table' && r.kind !== 'partitioned_table')
        ? {}
        : {
            replicaIdentity:
              r.replica_identity === 'index' ? { index: r.replica_index ?? '' } : r.replica_identity,
          }),
      ...(r.cluster_index !== null ? { clusterOn: r.cluster_index } : {}),
      ...(r.toast_options !== null && r.toast_options.length > 0 ? { toastOptions: r.toast_options } : {}),
      ...(r.of_type_schema !== null && r.of_type_name !== null
        ? { ofType: { schema: r.of_type_schema, name: r.of_type_name } }
        : {}),
      estimatedRows: r.estimated_rows,
      rowTypeOid: r.row_type_oid,
      extension: r.extension,
      columns,
      constraints,
      indexes,
      triggers,
    };
  });
}

export function assembleSequences(rows: readonly SequenceRow[]): Sequence[] {
  return rows.map((s) => ({
    oid: s.oid,
    schema: s.schema,
    name: s.name,
    owner: s.owner,
    dataType: s.data_type,
    start: s.start_value,
    increment: s.increment,
    min: s.min_value,
    max: s.max_value,
    cache: s.cache,
    cycle: s.cycle,
    ownedBy:
      s.owned_schema !== null && s.owned_table !== null && s.owned_column !== null
        ? { schema: s.owned_schema, table: s.owned_table, column: s.owned_column }
        : null,
    identity: s.is_identity,
    comment: s.comment,
    extension: s.extension,
    ...(s.unlogged ? { unlogged: true as const } : {}),
  }));
}

/** A column while it is assembled (frozen once its facts are in). */
type BuiltColumn = { -readonly [K in keyof Column]: Column[K] };

const STORAGE = { p: 'plain', e: 'external', x: 'extended', m: 'main' } as const;

/**
 * The column facts that are set only on some columns, added after the others (in this order) where set: keys
 * left out where unset (snapshots stay as they were). Assigned in place: spreading a fresh object of them into
 * every column literal cost more than the rest of the column (50,000 of them in the bench catalog).
 */
function addColumnFacts(column: BuiltColumn, c: ColumnRow): void {
  if (c.collation_schema !== null) column.collationSchema = c.collation_schema;
  if (c.storage !== null && c.type_storage !== null)
    column.storage = { value: STORAGE[c.storage], typeDefault: STORAGE[c.type_storage] };
  if (c.compression !== null) column.compression = c.compression;
  if (c.statistics_target !== null) column.statistics = c.statistics_target;
  if (c.options !== null && c.options.length > 0) column.options = c.options;
  if (c.fdw_options !== null && c.fdw_options.length > 0) column.fdwOptions = c.fdw_options;
  if (c.declared) column.declared = true;
}
