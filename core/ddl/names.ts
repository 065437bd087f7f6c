import { GatehouseError } from '../../shared/errors.js';
import type { ObjectRef, Principal } from '../../shared/model/catalog.js';
import { quoteIdent, quoteQualified } from './quote.js';

/** `PUBLIC` or the quoted role name. */
export function principal(p: Principal): string {
  return p.kind === 'public' ? 'PUBLIC' : quoteIdent(p.name);
}

/**
 * Checks catalog-written SQL text that goes between parentheses (function identity arguments): it must not close
 * the parenthesis it sits in, end the statement or open a comment outside quotes. It comes from
 * pg_get_function_identity_arguments(), but through a contract call anyone could send it.
 */
export function checkParenthesised(text: string, what: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw badText(text, what, 'an unterminated quote');
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) throw badText(text, what, 'an unbalanced parenthesis');
    } else if (c === ';') throw badText(text, what, 'a semicolon');
    else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*'))
      throw badText(text, what, 'a comment');
    else if (c === '\0') throw badText(text, what, 'a NUL character');
  }
  if (depth !== 0) throw badText(text, what, 'an unbalanced parenthesis');
  return text;
}

function badText(text: string, what: string, problem: string): GatehouseError {
  return new GatehouseError('GH222', `The ${what} contain ${problem} outside quotes.`, {
    details: text,
    hint: 'Use the text the catalog gives (pg_get_function_identity_arguments), e.g. "a integer, b text".',
  });
}

/** An identifier as regproc / regoper print a part of a name: quoted, or plain. */
const NAME_PART = '(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)';

/** A function name as regproc prints it (`f`, `s.f`, `"my s"."f"`), refused when it is anything else. */
export function functionName(text: string, what: string): string {
  if (!new RegExp(`^${NAME_PART}(?:\\.${NAME_PART})?$`).test(text))
    throw new GatehouseError('GH222', `The ${what} is not a function name.`, { details: text });
  return text;
}

/** An operator name as regoper prints it (`<`, `pg_catalog.>`, `s.===`), refused when it is anything else. */
export function operatorName(text: string, what: string): string {
  // `--` and `/*` would start a comment: PostgreSQL refuses them in operator names too.
  if (!new RegExp(`^(?:${NAME_PART}\\.)?[-+*/<>=~!@#%^&|\`?]+$`).test(text) || /--|\/\*/.test(text))
    throw new GatehouseError('GH222', `The ${what} is not an operator name.`, { details: text });
  return text;
}

/** `schema.name(args)` of a function or procedure. */
export function routineSignature(schema: string, name: string, args: string): string {
  return `${quoteQualified(schema, name)}(${checkParenthesised(args, 'function arguments')})`;
}

/** The schema of a schema-qualified reference, refusing a reference without one. */
export function schemaOf(ref: ObjectRef): string {
  if (ref.schema === null)
    throw new GatehouseError('GH222', `A ${ref.kind} reference needs a schema.`, {
      details: JSON.stringify(ref),
      hint: 'Give the schema the object lives in.',
    });
  return ref.schema;
}

/** `schema.name` of a schema-qualified reference. */
export function qualifiedRef(ref: ObjectRef): string {
  return quoteQualified(schemaOf(ref), ref.name);
}

/** The multirange name PostgreSQL gives a range type by default: its first "range" made "multirange", else `_multirange`. */
export function defaultMultirangeName(range: string): string {
  const at = range.indexOf('range');
  return at < 0 ? `${range}_multirange` : `${range.slice(0, at)}multirange${range.slice(at + 5)}`;
}
