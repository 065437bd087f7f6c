import {
  quoteIdent,
  quoteQualified,
  refs,
  routineSignature,
  settingAssignment,
  statement,
  type Statement,
} from '../ddl/index.js';

/*
 * The three statements the advisor's fixes need that core/ddl has no builder for yet (function attributes, view
 * options, a plain index). Written with core/ddl's quoting and Statement type; they belong in core/ddl once it
 * grows function, view and index builders.
 */

const fn = (schema: string, name: string, args: string) => refs.function(schema, name, args);

/** ALTER FUNCTION s.f(args) SECURITY INVOKER. */
export function alterFunctionSecurityInvoker(schema: string, name: string, args: string): Statement {
  return statement(
    'alter',
    fn(schema, name, args),
    `ALTER FUNCTION ${routineSignature(schema, name, args)} SECURITY INVOKER`,
  );
}

/** ALTER FUNCTION s.f(args) SET setting TO value (stored exactly as given, list settings element by element). */
export function alterFunctionSet(
  schema: string,
  name: string,
  args: string,
  setting: string,
  value: string,
): Statement {
  return statement(
    'alter',
    fn(schema, name, args),
    `ALTER FUNCTION ${routineSignature(schema, name, args)} SET ${settingAssignment(setting, value)}`,
  );
}

/** ALTER VIEW s.v SET (security_invoker = true) — PostgreSQL 15+. */
export function alterViewSecurityInvoker(schema: string, name: string): Statement {
  return statement(
    'alter',
    refs.relation(schema, name),
    `ALTER VIEW ${quoteQualified(schema, name)} SET (security_invoker = true)`,
  );
}

/** CREATE INDEX ON s.t (columns): PostgreSQL names it. Not CONCURRENTLY, so it runs inside the change set. */
export function createIndexOn(schema: string, table: string, columns: readonly string[]): Statement {
  return statement(
    'create',
    refs.relation(schema, table),
    `CREATE INDEX ON ${quoteQualified(schema, table)} (${columns.map(quoteIdent).join(', ')})`,
  );
}
