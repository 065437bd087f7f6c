import { loadModule, parseSync } from 'libpg-query';
import { GatehouseError } from '../../shared/errors.js';

// PostgreSQL's own parser (WebAssembly, ~80 ms to load once): expressions are SQL text that cannot be quoted,
// so they are parsed in the exact wrapping the DDL uses and refused unless they are one expression.
await loadModule();

const SELECT_EXTRAS = [
  'fromClause',
  'whereClause',
  'groupClause',
  'havingClause',
  'windowClause',
  'sortClause',
  'limitCount',
  'limitOffset',
  'lockingClause',
  'withClause',
  'valuesLists',
  'distinctClause',
  'intoClause',
  'larg',
  'rarg',
];

function refuse(what: string, expression: string, problem: string, cause?: unknown): GatehouseError {
  return new GatehouseError('GH702', `The ${what} is not a single SQL expression: ${problem}.`, {
    details: expression,
    hint: 'Write one boolean expression, e.g. owner_id = current_user, without a trailing semicolon.',
    ...(cause !== undefined ? { cause } : {}),
  });
}

/**
 * Checks that `(expression)` is exactly one SQL expression, so it cannot close its parenthesis and run
 * something else. Returns it parenthesised, as DDL writes it.
 */
export function parenthesisedExpression(expression: string, what = 'expression'): string {
  const wrapped = `(${expression})`;
  let tree: unknown;
  try {
    tree = parseSync(`SELECT ${wrapped}`);
  } catch (error) {
    throw refuse(what, expression, error instanceof Error ? error.message : String(error), error);
  }
  const stmts = (tree as { stmts?: { stmt?: Record<string, unknown> }[] }).stmts ?? [];
  if (stmts.length !== 1) throw refuse(what, expression, 'it holds more than one statement');
  const select = stmts[0]?.stmt?.SelectStmt as Record<string, unknown> | undefined;
  if (select === undefined) throw refuse(what, expression, 'it is not an expression');
  const op = select.op;
  if (op !== undefined && op !== 'SETOP_NONE') throw refuse(what, expression, 'it holds a set operation');
  for (const key of SELECT_EXTRAS)
    if (select[key] !== undefined) throw refuse(what, expression, 'it extends beyond the expression');
  const targets = select.targetList as unknown[] | undefined;
  if (targets?.length !== 1) throw refuse(what, expression, 'it holds several expressions');
  return wrapped;
}
