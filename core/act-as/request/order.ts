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
  bind,
  char,
  eof,
  lookAhead,
  map,
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

const pOrderTerm: Parser<OrderTerm> = bind(pField, (field) =>
  bind(optionMaybe(pOrdDir), (direction) =>
    map(pNullsEnd, (nulls) => ({ type: 'field', field, direction, nulls }) as OrderTerm),
  ),
);

const pOrderRelationTerm: Parser<OrderTerm> = bind(pFieldName, (relation) =>
  bind(between(char('('), char(')'), pField), (field) =>
    bind(optionMaybe(pOrdDir), (direction) =>
      map(pNullsEnd, (nulls) => ({ type: 'relation', relation, field, direction, nulls }) as OrderTerm),
    ),
  ),
);

export const pOrder: Parser<OrderTerm[]> = sepBy1(
  lexeme(alt(attempt(pOrderRelationTerm), pOrderTerm)),
  char(','),
);
