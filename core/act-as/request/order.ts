/**
 * `order=priority.desc.nullslast,teams(name).asc,meta->x` → OrderTerm[] (pOrder).
 */
import type { OrderDirection, OrderNulls, OrderTerm } from './types.js';
import type { Parser } from './parsec.js';
import {
  alt,
  as,
  attempt,
  before,
  between,
  bind2,
  char,
  eof,
  lookAhead,
  optionMaybe,
  sepBy1,
  string,
  andThen,
} from './parsec.js';
import { lexeme, pDelimiter, pField, pFieldName } from './grammar.js';

const pNulls: Parser<OrderNulls> = alt<OrderNulls>(
  attempt(andThen(pDelimiter, as(string('nullsfirst'), 'nullsfirst'))),
  attempt(andThen(pDelimiter, as(string('nullslast'), 'nullslast'))),
);

const pOrdDir: Parser<OrderDirection> = alt<OrderDirection>(
  attempt(andThen(pDelimiter, as(string('asc'), 'asc'))),
  attempt(andThen(pDelimiter, as(string('desc'), 'desc'))),
);

const pEnd = alt(attempt(as(lookAhead(char(',')), null)), attempt(eof));

/** `optionMaybe pNulls <* pEnd <|> pEnd $> Nothing` */
const pNullsEnd: Parser<OrderNulls | null> = alt(before(optionMaybe(pNulls), pEnd), as(pEnd, null));

const pDirNulls = bind2(optionMaybe(pOrdDir), pNullsEnd, (direction, nulls) => ({ direction, nulls }));

const pOrderTerm: Parser<OrderTerm> = bind2(
  pField,
  pDirNulls,
  (field, { direction, nulls }) => ({ type: 'field', field, direction, nulls }) as OrderTerm,
);

const pOrderRelationTerm: Parser<OrderTerm> = bind2(
  pFieldName,
  bind2(between(char('('), char(')'), pField), pDirNulls, (field, dn) => ({ field, ...dn })),
  (relation, { field, direction, nulls }) =>
    ({ type: 'relation', relation, field, direction, nulls }) as OrderTerm,
);

export const pOrder: Parser<OrderTerm[]> = sepBy1(
  lexeme(alt(attempt(pOrderRelationTerm), pOrderTerm)),
  char(','),
);
