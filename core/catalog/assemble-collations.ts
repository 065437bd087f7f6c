import type { Collation } from '../../shared/model/catalog.js';
import type { CollationRow } from './rows.js';

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
