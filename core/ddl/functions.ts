import { GatehouseError } from '../../shared/errors.js';
import type { FunctionInfo } from '../../shared/model/catalog.js';
import { singleStatement } from './expression.js';
import { checkParenthesised, routineSignature } from './names.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { settingAssignment } from './settings.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export type RoutineSpec = Pick<
  FunctionInfo,
  | 'schema'
  | 'name'
  | 'kind'
  | 'identityArgs'
  | 'argumentsText'
  | 'returns'
  | 'volatility'
  | 'securityDefiner'
  | 'strict'
  | 'leakproof'
  | 'parallel'
  | 'language'
  | 'config'
  | 'source'
  | 'sqlBody'
  | 'cost'
  | 'rows'
>;

const WORD: Record<FunctionInfo['kind'], string> = {
  function: 'FUNCTION',
  window: 'FUNCTION',
  procedure: 'PROCEDURE',
  aggregate: 'AGGREGATE',
};

export function routineTarget(f: Pick<FunctionInfo, 'schema' | 'name' | 'kind' | 'identityArgs'>): Target {
  return {
    word: WORD[f.kind],
    name: routineSignature(f.schema, f.name, f.identityArgs),
    object: refs.function(f.schema, f.name, f.identityArgs),
  };
}

/** A dollar quote that does not occur in the body. */
export function dollarQuote(body: string, tag = 'function'): string {
  let t = tag;
  for (let n = 1; body.includes(`$${t}$`); n++) t = `${tag}${n}`;
  return `$${t}$${body}$${t}$`;
}

/** Numbers as PostgreSQL prints them in pg_proc (cost and rows are float4). */
const number = (n: number, what: string): string => {
  if (!Number.isFinite(n) || n < 0)
    throw new GatehouseError('GH222', `A function's ${what} must be a number ≥ 0.`);
  return String(n);
};

/**
 * CREATE [OR REPLACE] FUNCTION / PROCEDURE s.f(arguments) [RETURNS …] LANGUAGE … attributes AS $function$body$function$.
 * SET clauses are written so replaying stores the same value (`SET search_path = ''` stays `""`, not `'""'`).
 */
export function createRoutine(f: RoutineSpec, options: { orReplace?: boolean } = {}): Statement {
  if (f.kind === 'aggregate')
    throw new GatehouseError(
      'GH222',
      `The aggregate ${f.schema}.${f.name} cannot be written from the model.`,
      {
        hint: 'The model does not hold an aggregate’s state function and type; use pg_dump for aggregates.',
      },
    );
  if (f.sqlBody === undefined && (f.source === null || (f.source === '' && f.language === 'sql')))
    throw new GatehouseError('GH222', `The body of ${f.schema}.${f.name} is not in the model.`, {
      hint: 'Unreadable sources cannot be written back.',
    });
  if (f.language === 'c')
    throw new GatehouseError(
      'GH222',
      `The C function ${f.schema}.${f.name} cannot be written from the model.`,
      {
        hint: 'Its shared library is not in the model; create it through its extension.',
      },
    );
  const isProc = f.kind === 'procedure';
  const lines = [
    `CREATE ${options.orReplace === true ? 'OR REPLACE ' : ''}${isProc ? 'PROCEDURE' : 'FUNCTION'} ` +
      `${quoteQualified(f.schema, f.name)}(${checkParenthesised(f.argumentsText, 'function arguments')})`,
  ];
  if (!isProc) {
    const returns = f.returns.text ?? f.returns.type.formatted;
    lines.push(`RETURNS ${checkParenthesised(returns, 'function result')}`);
  }
  lines.push(`LANGUAGE ${quoteIdent(f.language)}`);
  if (!isProc) {
    if (f.kind === 'window') lines.push('WINDOW');
    lines.push(f.volatility.toUpperCase());
    lines.push(f.leakproof ? 'LEAKPROOF' : 'NOT LEAKPROOF');
    lines.push(f.strict ? 'STRICT' : 'CALLED ON NULL INPUT');
    lines.push(`PARALLEL ${f.parallel.toUpperCase()}`);
    lines.push(`COST ${number(f.cost, 'cost')}`);
    if (f.returns.setOf) lines.push(`ROWS ${number(f.rows, 'rows')}`);
  }
  lines.push(f.securityDefiner ? 'SECURITY DEFINER' : 'SECURITY INVOKER');
  for (const s of f.config) lines.push(`SET ${settingAssignment(s.name, s.value)}`);
  if (f.sqlBody !== undefined) {
    // Written as the catalog printed it, then the whole statement parsed: one CREATE FUNCTION, nothing after it.
    lines.push(f.sqlBody);
    const sql = singleStatement(lines.join('\n'), 'CreateFunctionStmt', 'SQL-standard function body');
    return statement('create', refs.function(f.schema, f.name, f.identityArgs), sql);
  }
  const source = f.source ?? '';
  const body = f.language === 'internal' ? quoteLiteral(source) : dollarQuote(source);
  lines.push(`AS ${body}`);
  return statement('create', refs.function(f.schema, f.name, f.identityArgs), lines.join('\n'));
}

/** ALTER FUNCTION/PROCEDURE … SET setting TO value (RESET when null). */
export function setRoutineSetting(
  f: Pick<FunctionInfo, 'schema' | 'name' | 'kind' | 'identityArgs'>,
  setting: string,
  value: string | null,
): Statement {
  const t = routineTarget(f);
  const change =
    value === null
      ? `RESET ${setting.split('.').map(quoteIdent).join('.')}`
      : `SET ${settingAssignment(setting, value)}`;
  return statement('alter', t.object, `ALTER ${t.word} ${t.name} ${change}`);
}

/** ALTER FUNCTION … SECURITY DEFINER / INVOKER. */
export function setRoutineSecurity(
  f: Pick<FunctionInfo, 'schema' | 'name' | 'kind' | 'identityArgs'>,
  definer: boolean,
): Statement {
  const t = routineTarget(f);
  return statement(
    'alter',
    t.object,
    `ALTER ${t.word} ${t.name} SECURITY ${definer ? 'DEFINER' : 'INVOKER'}`,
  );
}
