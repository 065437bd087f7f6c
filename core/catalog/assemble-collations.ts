import type { Collation, StatisticsObject, UserType } from '../../shared/model/catalog.js';
import { defaultMultirangeName } from '../ddl/types.js';
import type { CollationRow, RangeOptionRow, StatisticsRow } from './rows.js';

/** collations.sql rows → the model's collations (in schema, name order; locales normalised in SQL). */
export function assembleCollations(rows: readonly CollationRow[]): Collation[] {
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    owner: r.owner,
    provider: r.provider,
    deterministic: r.deterministic,
    locale: r.locale,
    collate: r.lc_collate,
    ctype: r.lc_ctype,
    icuRules: r.icu_rules,
    version: r.version,
    comment: r.comment,
    extension: r.extension,
  }));
}

/** statistics.sql rows → the model's extended statistics objects (in schema, name order). */
export function assembleStatistics(rows: readonly StatisticsRow[]): StatisticsObject[] {
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    table: { schema: r.table_schema, name: r.table_name },
    owner: r.owner,
    kinds: [...r.kinds],
    columns: [...r.columns],
    expressions: [...r.expressions],
    target: r.target,
    definition: r.definition,
    comment: r.comment,
  }));
}

/** Range types with their non-default options (range-options.sql) set; other types as they are. */
export function withRangeOptions(types: readonly UserType[], rows: readonly RangeOptionRow[]): UserType[] {
  const byOid = new Map(rows.map((r) => [r.type_oid, r]));
  return types.map((t) => {
    const r = t.kind === 'range' ? byOid.get(t.oid) : undefined;
    if (r === undefined) return t;
    const q = (schema: string | null, name: string | null) =>
      schema !== null && name !== null ? { schema, name } : undefined;
    const multirange = q(r.multirange_schema, r.multirange_name);
    const options = {
      ...(r.collation_name !== null ? { collation: q(r.collation_schema, r.collation_name) } : {}),
      ...(r.opclass_name !== null ? { opclass: q(r.opclass_schema, r.opclass_name) } : {}),
      ...(r.canonical !== null ? { canonical: r.canonical } : {}),
      ...(r.subtype_diff !== null ? { subtypeDiff: r.subtype_diff } : {}),
      ...(multirange !== undefined &&
      (multirange.schema !== t.schema || multirange.name !== defaultMultirangeName(t.name))
        ? { multirange }
        : {}),
    };
    return Object.keys(options).length === 0 ? t : { ...t, range: options as NonNullable<UserType['range']> };
  });
}
