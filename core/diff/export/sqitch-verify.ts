import type { Migration } from '../../../shared/diff/migration.js';
import type { ObjectRef } from '../../../shared/model/catalog.js';
import { quoteIdent, quoteLiteral } from '../../ddl/quote.js';

/**
 * A sqitch verify script for a migration: one query per object the migration leaves in place (added, changed,
 * renamed), each failing when the object is missing, as sqitch's verify scripts are meant to.
 */
function check(ref: ObjectRef): string | null {
  const rel = ref.schema === null ? null : `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}`;
  switch (ref.kind) {
    case 'schema':
      return `SELECT pg_catalog.has_schema_privilege(${quoteLiteral(ref.name)}, 'USAGE');`;
    case 'relation':
      return rel && `SELECT 1 FROM ${rel} WHERE false;`;
    case 'column':
      return rel && ref.member !== undefined
        ? `SELECT ${quoteIdent(ref.member)} FROM ${rel} WHERE false;`
        : null;
    case 'sequence':
      return rel && `SELECT ${quoteLiteral(rel)}::pg_catalog.regclass;`;
    case 'type':
      return rel && `SELECT ${quoteLiteral(rel)}::pg_catalog.regtype;`;
    case 'function':
      return rel && `SELECT ${quoteLiteral(`${rel}(${ref.args ?? ''})`)}::pg_catalog.regprocedure;`;
    case 'extension':
      return `SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_extension WHERE extname = ${quoteLiteral(ref.name)};`;
    default:
      return null;
  }
}

export function sqitchVerifyScript(m: Migration): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of m.changes) {
    if (c.action === 'drop') continue;
    const sql = check(c.object);
    if (sql !== null && !seen.has(sql)) {
      seen.add(sql);
      lines.push(sql);
    }
  }
  return `BEGIN;\n\n${lines.length > 0 ? lines.join('\n') : '-- The migration leaves no object whose presence can be checked.'}\n\nROLLBACK;\n`;
}
