/**
 * Filter values: `eq.1`, `not.in.(1,2)`, `like(any).{a*,b*}`, `fts(english).cat`, `is.not_null` (pOpExpr).
 *
 * @example
 *   parse pOpExpr on 'not.eq(all).value' → { type: 'op', negated: true, operation: { type: 'quant', op: 'eq', quantifier: 'all', value: 'value' } }
 */
import type { FtsOperator, IsVal, OpExpr, Operation, QuantOperator, SimpleOperator } from './types.js';
import type { Parser } from './parsec.js';
import {
  alt,
  as,
  attempt,
  between,
  bind2,
  char,
  label,
  map,
  optionMaybe,
  pure,
  string,
  andThen,
} from './parsec.js';
import { pDelimiter, pIdentifier, pListVal } from './grammar.js';

function ops<T extends string>(names: T[], lbl: string): Parser<T> {
  return label(alt(...names.map((n) => attempt(as(string(n), n)))), lbl);
}

// Order matters (e.g. "gte" before "gt"), as in PostgREST.
const simpleOperator = ops<SimpleOperator>(
  ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'],
  'unknown single value operator',
);
const quantOperator = ops<QuantOperator>(
  ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'],
  'unknown single value operator',
);

function ciString(s: string): Parser<string> {
  const chars = Array.from(s);
  const ciChar = (c: string) => alt(char(c), char(c.toUpperCase()));
  return chars.reduceRight<Parser<string>>((rest, c) => bind2(ciChar(c), rest, (x, xs) => x + xs), pure(''));
}

const pIsVal: Parser<IsVal> = label(
  alt<IsVal>(
    attempt(as(ciString('null'), 'null')),
    attempt(as(ciString('not_null'), 'not_null')),
    attempt(as(ciString('true'), 'true')),
    attempt(as(ciString('false'), 'false')),
    attempt(as(ciString('unknown'), 'unknown')),
  ),
  'isVal: (null, not_null, true, false, unknown)',
);

/** PostgREST 12's pTriVal (v12.2.12 ApiRequest/QueryParams.hs:656-660): no not_null. */
const pTriVal12: Parser<IsVal> = label(
  alt<IsVal>(
    attempt(as(ciString('null'), 'null')),
    attempt(as(ciString('unknown'), 'unknown')),
    attempt(as(ciString('true'), 'true')),
    attempt(as(ciString('false'), 'false')),
  ),
  'null or trilean value (unknown, true, false)',
);

/** The filter grammar of a PostgREST major: 13 on (`is.not_null`, CHANGELOG 13.0.0 #3747) or 12's. */
export type FilterDialect = 12 | 13;

export function pOpExpr(pSVal: Parser<string>, dialect: FilterDialect = 13): Parser<OpExpr> {
  const pIn: Parser<Operation> = andThen(
    attempt(andThen(string('in'), pDelimiter)),
    map(pListVal, (values) => ({ type: 'in', values })),
  );
  const pIs: Parser<Operation> = andThen(
    attempt(andThen(string('is'), pDelimiter)),
    map(dialect === 12 ? pTriVal12 : pIsVal, (value) => ({ type: 'is', value })),
  );
  const pIsDist: Parser<Operation> = andThen(
    attempt(andThen(string('isdistinct'), pDelimiter)),
    map(pSVal, (value) => ({ type: 'isdistinct', value })),
  );
  const pSimpleOp: Parser<Operation> = bind2(simpleOperator, andThen(pDelimiter, pSVal), (op, value) => ({
    type: 'simple',
    op,
    value,
  }));
  const pQuantOp: Parser<Operation> = bind2(
    quantOperator,
    bind2(
      optionMaybe(
        attempt(
          between(
            char('('),
            char(')'),
            alt(attempt(as(string('any'), 'any' as const)), as(string('all'), 'all' as const)),
          ),
        ),
      ),
      andThen(pDelimiter, pSVal),
      (quantifier, value) => ({ quantifier, value }),
    ),
    (op, { quantifier, value }) => ({ type: 'quant', op, quantifier, value }),
  );
  const pFts: Parser<Operation> = bind2(
    alt<FtsOperator>(
      attempt(as(string('fts'), 'fts')),
      attempt(as(string('plfts'), 'plfts')),
      attempt(as(string('phfts'), 'phfts')),
      attempt(as(string('wfts'), 'wfts')),
    ),
    bind2(
      optionMaybe(attempt(between(char('('), char(')'), pIdentifier))),
      andThen(pDelimiter, pSVal),
      (language, value) => ({ language, value }),
    ),
    (op, { language, value }) => ({ type: 'fts', op, language, value }),
  );
  const pOperation: Parser<Operation> = label(
    alt(pIn, pIs, pIsDist, attempt(pFts), attempt(pSimpleOp), attempt(pQuantOp)),
    'operator (eq, gt, ...)',
  );
  const pNot: Parser<boolean> = alt(attempt(as(andThen(string('not'), pDelimiter), true)), pure(false));
  return bind2(pNot, pOperation, (negated, operation) => ({ type: 'op', negated, operation }) as OpExpr);
}
