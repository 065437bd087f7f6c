import type { Collation, StatisticsObject } from '../../shared/model/catalog.js';
import type { CollationRow, StatisticsRow } from './rows.js';

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
