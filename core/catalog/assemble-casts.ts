import type { Cast } from '../../shared/model/catalog.js';
import type { CastRow } from './rows.js';

/** casts.sql rows → the model's casts (the reader's `executable` is role-relative, so it stays out). */
export function assembleCasts(rows: readonly CastRow[]): Cast[] {
  return rows.map((r) => ({
    sourceType: r.source_type,
    targetType: r.target_type,
    sourceIsDomain: r.source_is_domain,
    targetIsDomain: r.target_is_domain,
    context: r.context,
    method: r.method,
    function:
      r.function_schema !== null && r.function_name !== null && r.function_sql !== null
        ? {
            schema: r.function_schema,
            name: r.function_name,
            args: r.function_args ?? '',
            sql: r.function_sql,
          }
        : null,
  }));
}
