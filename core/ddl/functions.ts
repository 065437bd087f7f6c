import { GatehouseError } from '../../shared/errors.js';
import type { Aggregate, FunctionInfo } from '../../shared/model/catalog.js';
import { singleStatement, typeName } from './expression.js';
import { checkParenthesised, functionName, operatorName, routineSignature } from './names.js';
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
  | 'aggregate'
>;

const WORD: Record<FunctionInfo['kind'], string> = {
  function: 'FUNCTION',
  window: 'FUNCTION',
  procedure: 'PROCEDURE',
  aggregate: 'AGGREGATE',
};

export function routineTarget(f: Pick<FunctionInfo, 'schema' | 'name' | 'kind' | 'identityArgs'>): Target {
  // An aggregate of no argument is named `a(*)` (`a()` is refused).
  const star = f.kind === 'aggregate' && f.identityArgs === '';
  return {
    word: WORD[f.kind],
    name: star
      ? `${quoteQualified(f.schema, f.name)}(*)`
      : routineSignature(f.schema, f.name, f.identityArgs),
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
  if (f.kind === 'aggregate') {
    if (f.aggregate === undefined)
      throw new GatehouseError(
        'GH222',
        `The aggregate ${f.schema}.${f.name} cannot be written from the model.`,
        { hint: 'The model was read before aggregates’ definitions were: read it again.' },
      );
    return createAggregate(f, f.aggregate, options.orReplace === true);
  }
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

const MODIFY: Record<Aggregate['finalfuncModify'], string> = {
  read_only: 'READ_ONLY',
  shareable: 'SHAREABLE',
  read_write: 'READ_WRITE',
};

/**
 * CREATE [OR REPLACE] AGGREGATE s.a(arguments) (SFUNC = …, STYPE = …, …): every option the model holds, the final
 * functions' modify options only where they are not the kind's default (pg_dump's way). `*` stands for no argument;
 * an ordered-set aggregate's ORDER BY is in its arguments as pg_get_function_arguments writes them. OR REPLACE
 * keeps the arguments, the result type and the kind (PostgreSQL refuses to change them).
 */
function createAggregate(f: RoutineSpec, a: Aggregate, orReplace: boolean): Statement {
  const fn = (name: string) => functionName(name, `support function of the aggregate ${f.schema}.${f.name}`);
  const modify = a.kind === 'normal' ? 'read_only' : 'read_write';
  const o = [`SFUNC = ${fn(a.sfunc)}`, `STYPE = ${typeName(a.stype)}`];
  if (a.sspace !== 0) o.push(`SSPACE = ${a.sspace}`);
  if (a.finalfunc !== null) o.push(`FINALFUNC = ${fn(a.finalfunc)}`);
  if (a.finalfuncExtra) o.push('FINALFUNC_EXTRA');
  if (a.finalfuncModify !== modify) o.push(`FINALFUNC_MODIFY = ${MODIFY[a.finalfuncModify]}`);
  if (a.combinefunc !== null) o.push(`COMBINEFUNC = ${fn(a.combinefunc)}`);
  if (a.serialfunc !== null) o.push(`SERIALFUNC = ${fn(a.serialfunc)}`);
  if (a.deserialfunc !== null) o.push(`DESERIALFUNC = ${fn(a.deserialfunc)}`);
  if (a.initcond !== null) o.push(`INITCOND = ${quoteLiteral(a.initcond)}`);
  if (a.msfunc !== null) o.push(`MSFUNC = ${fn(a.msfunc)}`);
  if (a.minvfunc !== null) o.push(`MINVFUNC = ${fn(a.minvfunc)}`);
  if (a.mstype !== null) o.push(`MSTYPE = ${typeName(a.mstype)}`);
  if (a.msspace !== 0) o.push(`MSSPACE = ${a.msspace}`);
  if (a.mfinalfunc !== null) o.push(`MFINALFUNC = ${fn(a.mfinalfunc)}`);
  if (a.mfinalfuncExtra) o.push('MFINALFUNC_EXTRA');
  if (a.mfinalfuncModify !== modify) o.push(`MFINALFUNC_MODIFY = ${MODIFY[a.mfinalfuncModify]}`);
  if (a.minitcond !== null) o.push(`MINITCOND = ${quoteLiteral(a.minitcond)}`);
  if (a.sortop !== null)
    o.push(`SORTOP = OPERATOR(${operatorName(a.sortop, `sort operator of ${f.schema}.${f.name}`)})`);
  if (f.parallel !== 'unsafe') o.push(`PARALLEL = ${f.parallel.toUpperCase()}`);
  if (a.kind === 'hypothetical') o.push('HYPOTHETICAL');
  const args = f.argumentsText === '' ? '*' : checkParenthesised(f.argumentsText, 'aggregate arguments');
  return statement(
    'create',
    refs.function(f.schema, f.name, f.identityArgs),
    `CREATE ${orReplace ? 'OR REPLACE ' : ''}AGGREGATE ${quoteQualified(f.schema, f.name)}(${args}) (\n  ${o.join(',\n  ')}\n)`,
  );
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
