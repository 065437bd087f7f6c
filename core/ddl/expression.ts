import { GatehouseError } from '../../shared/errors.js';
import { loadSqlParser, parseSql, sqlParserEager, SqlParserNotLoaded } from './sql-parser.js';

// Expressions are SQL text that cannot be quoted: what the lexical checks below cannot vouch for is parsed by
// PostgreSQL's own parser in the exact wrapping the DDL uses, and refused unless it is one expression.
if (sqlParserEager()) await loadSqlParser();

/** The parse tree; a syntax error becomes `refused(its message, it)`. A parser not loaded is not the text's fault. */
function parseOr(sql: string, refused: (problem: string, cause: unknown) => Error): unknown {
  try {
    return parseSql(sql);
  } catch (error) {
    if (error instanceof SqlParserNotLoaded) throw error;
    throw refused(error instanceof Error ? error.message : String(error), error);
  }
}

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
  return new GatehouseError('GH222', `The ${what} is not a single SQL expression: ${problem}.`, {
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
  if (checkedExpressions.has(expression) || plainLexically(wrapped, 'group')) return wrapped;
  const tree = parseOr(`SELECT ${wrapped}`, (problem, cause) => refuse(what, expression, problem, cause));
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
  remember(checkedExpressions, expression);
  return wrapped;
}

/** How each statement kind must begin for the fast path (the caller writes the rest of views itself). */
const STATEMENT_START: Record<string, RegExp> = {
  ViewStmt: /^CREATE (OR REPLACE )?VIEW /,
  CreateTableAsStmt: /^CREATE MATERIALIZED VIEW /,
  IndexStmt: /^CREATE (UNIQUE )?INDEX /,
  CreateTrigStmt: /^CREATE (CONSTRAINT )?TRIGGER /,
  CreateStatsStmt: /^CREATE STATISTICS /,
  RuleStmt: /^CREATE RULE /,
};

/**
 * The fast path before the parser (parsing is ~0.5 ms a text; the catalog's texts are thousands): text made only
 * of plain tokens, '…' strings without backslashes and "…" identifiers, with no `;`, `$`, backslash or comment
 * anywhere. Then a `group` is one parenthesised group exactly when its depth stays above 0 until the last
 * character, and a `statement` cannot hold a second statement (that needs a `;`). Anything else (dollar quotes,
 * E'' strings, comments) goes to PostgreSQL's parser.
 */
function plainLexically(text: string, shape: 'group' | 'statement'): boolean {
  if (shape === 'group' && text.slice(1, -1).trim() === '') return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return false;
      if (c === "'" && text.slice(i + 1, end).includes('\\')) return false;
      i = end; // a doubled quote is two adjacent quoted runs: still inside quotes throughout
    } else if (c === ';' || c === '$' || c === '\\' || c === '\0') return false;
    else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*')) return false;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0 || (shape === 'group' && depth === 0 && i !== text.length - 1)) return false;
    }
  }
  return depth === 0;
}

// Catalog texts repeat (types, defaults): each distinct text is parsed once.
const checkedExpressions = new Set<string>();
const checkedTypes = new Set<string>();
const remember = (set: Set<string>, text: string) => {
  if (set.size > 50_000) set.clear();
  set.add(text);
};

// format_type()'s spellings, which need no parser to be known as one type: a name (qualified, quoted or not)
// or one of SQL's multi-word names, a typmod, array brackets. Anything else (`int COLLATE "C"`, `int DEFAULT 1`)
// is parsed. The parser's first calls cost more than the whole check of a diff's types otherwise.
const IDENT = '(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")';
const TYPMOD = String.raw`(?:\(\d+(?:,\d+)*\))?`;
const PRECISION = String.raw`(?:\(\d+\))?`;
const SQL_TYPE = [
  `(?:character varying|bit varying|double precision)${TYPMOD}`,
  `(?:timestamp|time)${PRECISION} with(?:out)? time zone`,
  `interval(?: (?:year|month|day|hour|minute|second)(?: to (?:month|hour|minute|second))?)?${PRECISION}`,
].join('|');
const PLAIN_TYPE = new RegExp(String.raw`^(?:(?:${IDENT}\.)?${IDENT}${TYPMOD}|${SQL_TYPE})(?:\[\d*\])*$`);

/**
 * Checks that `type` is one type name (format_type() output such as `character varying(20)`, `api.mood[]`,
 * `timestamp with time zone`) and returns it: types cannot be quoted as a whole, so they are parsed instead.
 */
export function typeName(type: string): string {
  if (checkedTypes.has(type) || PLAIN_TYPE.test(type)) return type;
  const bad = (problem: string, cause?: unknown) =>
    new GatehouseError('GH222', `The type is not a single type name: ${problem}.`, {
      details: type,
      hint: 'Write a type as format_type() does, e.g. integer, character varying(20), api.mood[].',
      ...(cause !== undefined ? { cause } : {}),
    });
  const tree = parseOr(`SELECT NULL::${type}`, bad);
  const stmts = (tree as { stmts?: { stmt?: Record<string, unknown> }[] }).stmts ?? [];
  const select = stmts[0]?.stmt?.SelectStmt as Record<string, unknown> | undefined;
  const targets = select?.targetList as
    { ResTarget?: { name?: string; val?: Record<string, unknown> } }[] | undefined;
  const cast = targets?.[0]?.ResTarget?.val?.TypeCast as { arg?: Record<string, unknown> } | undefined;
  const extras = select === undefined ? [] : SELECT_EXTRAS.filter((k) => select[k] !== undefined);
  // (`int x` parses as the cast with a column alias.)
  const aliased = targets?.[0]?.ResTarget?.name !== undefined;
  if (stmts.length !== 1 || targets?.length !== 1 || cast === undefined || extras.length > 0 || aliased)
    throw bad('it is not one type');
  if ((cast.arg?.A_Const as { isnull?: boolean } | undefined)?.isnull !== true)
    throw bad('it is not one type');
  remember(checkedTypes, type);
  return type;
}

/**
 * Checks that catalog-written SQL (pg_get_viewdef, pg_get_indexdef, pg_get_triggerdef output placed in a
 * statement) makes exactly one statement of the expected kind, so a crafted model cannot smuggle a second one.
 */
export function singleStatement(sql: string, kind: string, what: string): string {
  if (plainLexically(sql, 'statement') && STATEMENT_START[kind]?.test(sql) === true) return sql;
  const tree = parseOr(
    sql,
    (problem, cause) =>
      new GatehouseError('GH222', `The ${what} does not parse: ${problem}.`, { details: sql, cause }),
  );
  const stmts = (tree as { stmts?: { stmt?: Record<string, unknown> }[] }).stmts ?? [];
  if (stmts.length !== 1 || stmts[0]?.stmt?.[kind] === undefined)
    throw new GatehouseError('GH222', `The ${what} is not one ${kind} statement.`, { details: sql });
  return sql;
}
