/**
 * Building blocks of PostgREST's query-string grammar (QueryParams.hs): field names, JSON paths, quoted values,
 * list values, delimiters. Used by select.ts, filter.ts, logic.ts and order.ts.
 */
import type { Field, JsonOperation, JsonPath } from './types.js';
import type { Parser } from './parsec.js';
import {
  alt,
  anyChar,
  as,
  attempt,
  before,
  between,
  bind2,
  char,
  digit,
  eof,
  label,
  letter,
  lookAhead,
  many,
  many1,
  map,
  noneOf,
  notFollowedBy,
  oneOf,
  option,
  sepBy1,
  showChar,
  string,
  andThen,
} from './parsec.js';

/** Haskell's T.strip (Unicode white space). */
export function strip(s: string): string {
  return s.replace(/^\s+|\s+$/gu, '');
}

export const ws: Parser<string> = map(many(oneOf(' \t')), (cs) => cs.join(''));

export function lexeme<T>(p: Parser<T>): Parser<T> {
  return andThen(ws, before(p, ws));
}

/** `"…"` with `\` escaping any character. */
export const pQuotedValue: Parser<string> = map(
  andThen(char('"'), before(many(alt(noneOf('\\"'), andThen(char('\\'), anyChar))), char('"'))),
  (cs) => cs.join(''),
);

export const pIdentifierChar: Parser<string> = alt(letter, digit, oneOf('_ $'));

export const pIdentifier: Parser<string> = map(many1(pIdentifierChar), (cs) => strip(cs.join('')));

/** `-` not followed by `>` (so `a-b` is a name but `a->b` a JSON path). */
const dash: Parser<string> = as(attempt(andThen(char('-'), notFollowedBy(char('>'), showChar))), '-');

export function sepByDash(ident: Parser<string>): Parser<string> {
  return map(sepBy1(ident, dash), (parts) => parts.join('-'));
}

export const pFieldName: Parser<string> = label(
  alt(pQuotedValue, sepByDash(pIdentifier)),
  'field name (* or [a..z0..9_$])',
);

export const pDelimiter: Parser<string> = label(char('.'), 'delimiter (.)');

const pJsonKeyIdentifier: Parser<string> = map(many1(noneOf('(-:.,>)')), (cs) => strip(cs.join('')));

export const pJsonKeyName: Parser<string> = label(
  alt(pQuotedValue, sepByDash(pJsonKeyIdentifier)),
  'any non reserved character different from: .,>()',
);

const pJsonEnd: Parser<null> = alt(
  attempt(as(lookAhead(string('->')), null)),
  attempt(as(lookAhead(string('::')), null)),
  attempt(as(lookAhead(string('.')), null)),
  attempt(as(lookAhead(string(',')), null)),
  attempt(eof),
);

const pJsonArrow: Parser<'->' | '->>'> = alt(
  attempt(as(string('->>'), '->>' as const)),
  attempt(as(string('->'), '->' as const)),
);

const pJIdx: Parser<string> = before(
  bind2(option('+', char('-')), many1(digit), (sign, ds) => sign + ds.join('')),
  pJsonEnd,
);

const pJsonOperation: Parser<JsonOperation> = bind2(
  pJsonArrow,
  alt<JsonOperation['operand']>(
    attempt(map(pJIdx, (value) => ({ type: 'idx', value }))),
    attempt(map(pJsonKeyName, (value) => ({ type: 'key', value }))),
  ),
  (arrow, operand) => ({ arrow, operand }),
);

export const pJsonPath: Parser<JsonPath> = many(pJsonOperation);

export const pField: Parser<Field> = lexeme(
  bind2(pFieldName, option<JsonPath>([], pJsonPath), (name, jsonPath) => ({ name, jsonPath })),
);

export const aliasSeparator: Parser<null> = andThen(char(':'), notFollowedBy(char(':'), showChar));

export const pSingleVal: Parser<string> = map(many(anyChar), (cs) => cs.join(''));

const pListElement: Parser<string> = alt(
  attempt(before(pQuotedValue, notFollowedBy(noneOf(',)'), showChar))),
  map(many(noneOf(',)')), (cs) => cs.join('')),
);

export const pListVal: Parser<string[]> = between(
  lexeme(char('(')),
  lexeme(char(')')),
  sepBy1(pListElement, char(',')),
);

/** `"a","b"` in on_conflict / columns. */
export const pColumns: Parser<string[]> = sepBy1(pFieldName, lexeme(char(',')));

/** `items.sub.qty->x` in a filter key: embed path + field. */
export const pTreePath: Parser<{ path: string[]; field: Field }> = bind2(
  sepBy1(pFieldName, pDelimiter),
  option<JsonPath>([], pJsonPath),
  (names, jsonPath) => ({
    path: names.slice(0, -1),
    field: { name: names[names.length - 1]!, jsonPath },
  }),
);
