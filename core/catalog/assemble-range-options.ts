import type { UserType } from '../../shared/model/catalog.js';
import { defaultMultirangeName } from '../ddl/names.js';
import type { RangeOptionRow } from './rows.js';

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
