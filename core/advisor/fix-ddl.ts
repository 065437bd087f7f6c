import { createIndex, quoteQualified, refs, statement, type Statement } from '../ddl/index.js';

/** ALTER VIEW s.v SET (security_invoker = true), PostgreSQL 15+: core/ddl has no ALTER VIEW … SET builder yet. */
export function alterViewSecurityInvoker(schema: string, name: string): Statement {
  return statement(
    'alter',
    refs.relation(schema, name),
    `ALTER VIEW ${quoteQualified(schema, name)} SET (security_invoker = true)`,
  );
}

/** The name PostgreSQL would give `CREATE INDEX ON t (cols)` (table_cols_idx), kept within 63 bytes. */
export function indexName(table: string, columns: readonly string[]): string {
  const utf8 = new TextEncoder();
  let base = `${table}_${columns.join('_')}`;
  while (utf8.encode(`${base}_idx`).length > 63) base = base.slice(0, -1);
  return `${base}_idx`;
}

/** CREATE INDEX table_cols_idx ON s.t (cols), through core/ddl (not CONCURRENTLY: it runs in the change set). */
export function createIndexOn(schema: string, table: string, columns: readonly string[]): Statement {
  return createIndex({ schema, table, name: indexName(table, columns), keys: columns });
}
