import type pg from 'pg';
import { loadModule, parseSync } from 'libpg-query';
import type { ExpressionProblem } from '../../shared/contract/rls.js';
import { GatehouseError } from '../../shared/errors.js';
import { parenthesisedExpression } from '../ddl/expression.js';
import { quoteQualified } from '../ddl/quote.js';

await loadModule();

/** UTF-16 offset of a 1-based code point position in `text`. */
function utf16Offset(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 1; n < codePoints && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

const SYNTAX_PREFIX = 'SELECT (';

/** Syntax with PostgreSQL's parser (libpg-query): the error's position inside the expression, or none. */
export function expressionSyntax(expression: string): ExpressionProblem[] {
  const text = `${SYNTAX_PREFIX}${expression})`;
  try {
    parseSync(text);
  } catch (error) {
    const e = error as { message: string; sqlDetails?: { cursorPosition?: number } };
    const cp = e.sqlDetails?.cursorPosition;
    const at = cp === undefined ? 0 : utf16Offset(text, cp + 1) - SYNTAX_PREFIX.length;
    return [
      {
        source: 'syntax',
        offset: Math.max(0, Math.min(at, expression.length)),
        length: 1,
        message: e.message,
      },
    ];
  }
  try {
    parenthesisedExpression(expression, 'policy expression');
  } catch (error) {
    return [{ source: 'syntax', offset: 0, length: expression.length, message: (error as Error).message }];
  }
  return [];
}

/**
 * Names and types by asking PostgreSQL: EXPLAIN (planned, never run) of the expression as the table's WHERE
 * clause (so it must be boolean), in a transaction that is rolled back. The marker goes to PostgreSQL's error position.
 */
export async function validateExpression(
  client: pg.ClientBase,
  table: { schema: string; name: string },
  expression: string,
  /** Runs first inside the transaction: the pending change set, so the check sees what it adds. */
  before?: (client: pg.ClientBase) => Promise<void>,
): Promise<ExpressionProblem[]> {
  const syntax = expressionSyntax(expression);
  if (syntax.length > 0) return syntax;
  // WHERE wants a boolean without casting (integer::boolean would pass a cast).
  const prefix = `EXPLAIN SELECT FROM ${quoteQualified(table.schema, table.name)} WHERE (`;
  const sql = `${prefix}${expression})`;
  await client.query('BEGIN');
  try {
    if (before) await before(client);
    return await explainProblems(client, sql, prefix, expression, table);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/** EXPLAIN's answer as problems: none, or PostgreSQL's error at its position inside the expression. */
async function explainProblems(
  client: pg.ClientBase,
  sql: string,
  prefix: string,
  expression: string,
  table: { schema: string; name: string },
): Promise<ExpressionProblem[]> {
  try {
    await client.query(sql);
    return [];
  } catch (error) {
    const e = error as { message: string; position?: string; code?: string };
    if (e.code === '42P01' && !e.position)
      throw new GatehouseError('GH804', `There is no table ${table.schema}.${table.name}.`);
    const pos = e.position ? utf16Offset(sql, Number(e.position)) - prefix.length : 0;
    const inside = pos >= 0 && pos <= expression.length;
    return [
      {
        source: 'database',
        offset: inside ? pos : 0,
        length: inside ? 1 : expression.length,
        message: e.message,
      },
    ];
  }
}
