import type { Aggregate, FunctionArg, FunctionInfo, UserType } from '../../shared/model/catalog.js';
import type {
  AggregateRow,
  DomainConstraintRow,
  FunctionArgRow,
  FunctionRow,
  TypeAttributeRow,
  TypeRow,
} from './rows.js';
import { parseSettings } from './settings.js';
import { groupBy } from './group-by.js';
import type { TypeRefs } from './type-refs.js';

const MODIFY = { r: 'read_only', s: 'shareable', w: 'read_write' } as const;

/** An aggregate's definition from its pg_aggregate row. */
function aggregateOf(a: AggregateRow): Aggregate {
  return {
    kind: a.kind,
    sfunc: a.sfunc,
    stype: a.stype,
    sspace: a.sspace,
    finalfunc: a.finalfunc,
    finalfuncExtra: a.finalfunc_extra,
    finalfuncModify: MODIFY[a.finalfunc_modify],
    combinefunc: a.combinefunc,
    serialfunc: a.serialfunc,
    deserialfunc: a.deserialfunc,
    initcond: a.initcond,
    msfunc: a.msfunc,
    minvfunc: a.minvfunc,
    mstype: a.mstype,
    msspace: a.msspace,
    mfinalfunc: a.mfinalfunc,
    mfinalfuncExtra: a.mfinalfunc_extra,
    mfinalfuncModify: MODIFY[a.mfinalfunc_modify],
    minitcond: a.minitcond,
    sortop: a.sortop,
  };
}

/** Functions, procedures and aggregates with their arguments, a described result and an aggregate's definition. */
export function assembleFunctions(
  rows: readonly FunctionRow[],
  argRows: readonly FunctionArgRow[],
  types: TypeRefs,
  aggregateRows: readonly AggregateRow[],
): FunctionInfo[] {
  const argsOf = groupBy(argRows, (a) => a.function_oid);
  const aggregates = new Map(aggregateRows.map((a) => [a.function_oid, a]));
  return rows.map((f): FunctionInfo => {
    const args = (argsOf.get(f.oid) ?? []).map((a): FunctionArg => ({
      position: a.position,
      name: a.name,
      mode: a.mode,
      type: types.ref(a.type_oid, a.formatted_type),
      hasDefault: a.default_value !== null,
      default: a.default_value,
    }));
    const aggregate = f.kind === 'aggregate' ? aggregates.get(f.oid) : undefined;
    const resultColumns = args
      .filter((a) => a.mode === 'out' || a.mode === 'inout' || a.mode === 'table')
      .map((a) => ({ name: a.name, type: a.type }));
    return {
      oid: f.oid,
      schema: f.schema,
      name: f.name,
      kind: f.kind,
      identityArgs: f.identity_args,
      argumentsText: f.arguments_text,
      args,
      returns: {
        type: types.ref(f.return_type_oid, f.return_type_formatted),
        setOf: f.set_of,
        isComposite: f.is_composite,
        isTable: f.returns_table,
        relation:
          f.return_relation_schema !== null && f.return_relation_name !== null
            ? { schema: f.return_relation_schema, name: f.return_relation_name }
            : null,
        columns: resultColumns,
        text: f.result_text,
      },
      volatility: f.volatility,
      securityDefiner: f.security_definer,
      strict: f.strict,
      leakproof: f.leakproof,
      parallel: f.parallel,
      language: f.language,
      owner: f.owner,
      comment: f.comment,
      config: parseSettings(f.config),
      source: f.source,
      ...(f.sql_body !== null ? { sqlBody: f.sql_body } : {}),
      cost: f.cost,
      rows: f.result_rows,
      extension: f.extension,
      ...(aggregate !== undefined ? { aggregate: aggregateOf(aggregate) } : {}),
    };
  });
}

/** User-defined types: enum labels, domain details, composite attributes, range subtypes. */
export function assembleTypes(
  rows: readonly TypeRow[],
  domainConstraints: readonly DomainConstraintRow[],
  attributes: readonly TypeAttributeRow[],
  types: TypeRefs,
): UserType[] {
  const checksOf = groupBy(domainConstraints, (c) => c.type_oid);
  const attributesOf = groupBy(attributes, (a) => a.type_oid);
  return rows.map((t): UserType => ({
    oid: t.oid,
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    owner: t.owner,
    comment: t.comment,
    arrayOid: t.array_oid,
    labels: t.labels,
    domain:
      t.kind === 'domain' && t.base_type_oid !== null
        ? {
            baseType: types.ref(t.base_type_oid, t.base_type_formatted ?? undefined),
            notNull: t.not_null,
            default: t.default_value,
            constraints: (checksOf.get(t.oid) ?? []).map((c) => ({
              name: c.name,
              definition: c.definition,
              notNull: c.not_null,
              validated: c.validated,
              ...(c.comment !== null ? { comment: c.comment } : {}),
            })),
            ...(t.collation_schema !== null && t.collation_name !== null
              ? { collation: { schema: t.collation_schema, name: t.collation_name } }
              : {}),
          }
        : null,
    attributes: (attributesOf.get(t.oid) ?? []).map((a) => ({
      name: a.name,
      position: a.position,
      type: types.ref(a.attribute_type_oid, a.formatted_type),
      ...(a.collation_schema !== null && a.collation_name !== null
        ? { collation: { schema: a.collation_schema, name: a.collation_name } }
        : {}),
      ...(a.comment !== null ? { comment: a.comment } : {}),
    })),
    rangeSubtype:
      t.range_subtype_oid !== null
        ? types.ref(t.range_subtype_oid, t.range_subtype_formatted ?? undefined)
        : null,
    extension: t.extension,
  }));
}
