/**
 * `or=(a.eq.1,and(b.gt.2,c.is.null))`, `not.and=(…)`, `items.or=(…)` → LogicTree (pLogicTree, pLogicPath).
 * The key's last segment (`and`/`or`, optionally preceded by `not`) is prefixed to the value before parsing,
 * exactly as PostgREST does, so errors report columns in `or(…)`.
 */
import type { Filter, LogicOperator, LogicTree } from './types.js';
import type { Parser } from './parsec.js';
import {
  alt,
  as,
  attempt,
  before,
  bind2,
  char,
  label,
  lazy,
  many,
  map,
  noneOf,
  notFollowedBy,
  pure,
  sepBy1,
  showChar,
  string,
  andThen,
} from './parsec.js';
import { lexeme, pDelimiter, pField, pFieldName, pQuotedValue } from './grammar.js';
import { pOpExpr, type FilterDialect } from './filter.js';

const pPgArray: Parser<string> = bind2(
  string('{'),
  bind2(many(noneOf('{}')), string('}'), (b, c) => b.join('') + c),
  (a, bc) => a + bc,
);

export const pLogicSingleVal: Parser<string> = alt(
  attempt(before(pQuotedValue, notFollowedBy(noneOf(',)'), showChar))),
  attempt(pPgArray),
  map(many(noneOf(',)')), (cs) => cs.join('')),
);

const pLogicFilter = (dialect: FilterDialect): Parser<Filter> =>
  bind2(pField, andThen(pDelimiter, pOpExpr(pLogicSingleVal, dialect)), (field, opExpr) => ({
    field,
    opExpr,
  }));

const pNot: Parser<boolean> = label(
  alt(attempt(as(andThen(string('not'), pDelimiter), true)), pure(false)),
  'negation operator (not)',
);

const pLogicOp: Parser<LogicOperator> = label(
  alt<LogicOperator>(attempt(as(string('and'), 'and')), as(string('or'), 'or')),
  'logic operator (and, or)',
);

function logicTree(dialect: FilterDialect): Parser<LogicTree> {
  const filter = pLogicFilter(dialect);
  const tree: Parser<LogicTree> = lazy(() =>
    alt<LogicTree>(
      map(attempt(filter), (filter) => ({ type: 'stmnt', filter })),
      bind2(
        pNot,
        bind2(
          pLogicOp,
          andThen(lexeme(char('(')), before(sepBy1(tree, lexeme(char(','))), lexeme(char(')')))),
          (operator, children) => ({ operator, children }),
        ),
        (negated, { operator, children }) => ({ type: 'expr', negated, operator, children }) as LogicTree,
      ),
    ),
  );
  return tree;
}

export const pLogicTree: Parser<LogicTree> = logicTree(13);
/** The logic tree PostgREST 12 parses (its filters without `is.not_null`). */
export const pLogicTree12: Parser<LogicTree> = logicTree(12);

/** `items.not.or` → path ["items"], op "not.or". */
export const pLogicPath: Parser<{ path: string[]; op: string }> = map(
  sepBy1(pFieldName, pDelimiter),
  (names) => {
    const op = names[names.length - 1]!;
    const init = names.slice(0, -1);
    return { path: init.filter((n) => n !== 'not'), op: names.includes('not') ? `not.${op}` : op };
  },
);
