/** Field resolution against the schema cache (PostgREST Plan.hs: resolveTypeOrUnknown and friends). */
import type { Field, Filter, LogicTree, OpExpr, OrderTerm } from '../request/types.js';
import { qualifiedKey, type Column, type QualifiedName, type SchemaCache } from '../schema-cache/types.js';
import { representationKey } from '../schema-cache/representations.js';
import type { CoercibleField, PlanFilter, PlanLogicTree, PlanOrderTerm } from './types.js';

export function unknownField(name: string, jsonPath: Field['jsonPath'] = []): CoercibleField {
  return {
    name,
    jsonPath,
    toJson: false,
    toTsVector: null,
    irType: '',
    baseType: '',
    nominalType: '',
    transform: null,
    default: null,
    fullRow: false,
  };
}

export function columnField(col: Column): CoercibleField {
  return {
    name: col.name,
    jsonPath: [],
    toJson: false,
    toTsVector: null,
    irType: col.type,
    baseType: col.type,
    nominalType: col.nominalType,
    transform: null,
    default: col.default,
    fullRow: false,
  };
}

/**
 * Installs the data representation from `source` to `target`, if the schema cache has one (Plan.hs
 * withTransformer): the field's input type becomes `source` and the function is applied where the field is used.
 */
export function withTransformer(
  sc: SchemaCache,
  f: CoercibleField,
  source: string,
  target: string,
): CoercibleField {
  const fn = sc.representations?.get(representationKey(source, target));
  return fn === undefined ? f : { ...f, irType: source, transform: fn };
}

/** Output: the column's type → json (a domain shown through its cast to json). */
export const withOutputFormat = (sc: SchemaCache, f: CoercibleField): CoercibleField =>
  withTransformer(sc, f, f.nominalType, 'json');

/** Query-string values: text → the column's type. */
export const withTextParse = (sc: SchemaCache, f: CoercibleField): CoercibleField =>
  withTransformer(sc, f, 'text', f.nominalType);

/** JSON bodies: json → the column's type. */
export const withJsonParse = (sc: SchemaCache, f: CoercibleField): CoercibleField =>
  withTransformer(sc, f, 'json', f.nominalType);

/** Whether a column has an output representation (then `*` is expanded so it applies). */
export const hasOutputRepresentation = (sc: SchemaCache, col: Column): boolean =>
  sc.representations?.has(representationKey(col.nominalType, 'json')) ?? false;

export function lookupColumn(sc: SchemaCache, qi: QualifiedName, name: string): Column | undefined {
  return sc.tables.get(qualifiedKey(qi))?.columnsByName.get(name);
}

/** Resolves a field of `qi`; unknown columns stay unknown (PostgreSQL reports them). */
export function resolveField(
  sc: SchemaCache,
  qi: QualifiedName,
  field: Field,
  tsLanguage: { language: string | null } | null = null,
): CoercibleField {
  const col = lookupColumn(sc, qi, field.name);
  const base = col ? { ...columnField(col), toTsVector: tsLanguage } : unknownField(field.name);
  // json/jsonb need no to_jsonb() for arrows; tsvector needs no to_tsvector(); everything else gets to_jsonb()
  if (base.irType === 'json' || base.irType === 'jsonb')
    return { ...base, jsonPath: field.jsonPath, toJson: false };
  if (base.baseType === 'tsvector')
    return { ...base, jsonPath: field.jsonPath, toJson: true, toTsVector: null };
  return { ...base, jsonPath: field.jsonPath, toJson: true };
}

/**
 * `ftsToTsVector`: a full-text filter on a column that is not a tsvector wraps it in to_tsvector([lang,] col), as
 * PostgREST does from 13 on; PostgREST 12 compared the column itself (`col @@ to_tsquery(…)`).
 */
export function resolveFilter(
  sc: SchemaCache,
  qi: QualifiedName,
  filter: Filter,
  ftsToTsVector = true,
): PlanFilter {
  const op: OpExpr = filter.opExpr;
  if (op.type === 'noop') {
    // RPC arguments never reach the filters; treat defensively as an equality
    return {
      type: 'filter',
      field: resolveField(sc, qi, filter.field),
      negated: false,
      operation: { type: 'quant', op: 'eq', quantifier: null, value: op.value },
    };
  }
  const ts = op.operation.type === 'fts' && ftsToTsVector ? { language: op.operation.language } : null;
  return {
    type: 'filter',
    field: withTextParse(sc, resolveField(sc, qi, filter.field, ts)),
    negated: op.negated,
    operation: op.operation,
  };
}

export function resolveLogicTree(
  sc: SchemaCache,
  qi: QualifiedName,
  tree: LogicTree,
  ftsToTsVector = true,
): PlanLogicTree {
  if (tree.type === 'stmnt')
    return { type: 'stmnt', filter: resolveFilter(sc, qi, tree.filter, ftsToTsVector) };
  return {
    type: 'expr',
    negated: tree.negated,
    operator: tree.operator,
    children: tree.children.map((c) => resolveLogicTree(sc, qi, c, ftsToTsVector)),
  };
}

export function resolveOrder(sc: SchemaCache, qi: QualifiedName, term: OrderTerm): PlanOrderTerm {
  if (term.type === 'relation') {
    return {
      type: 'relation',
      relation: term.relation,
      fieldName: term.field.name,
      jsonPath: term.field.jsonPath,
      direction: term.direction,
      nulls: term.nulls,
    };
  }
  return {
    type: 'field',
    field: resolveField(sc, qi, term.field),
    direction: term.direction,
    nulls: term.nulls,
  };
}
