/**
 * `select=` → a forest of SelectItem (PostgREST's pFieldForest).
 *
 * @example
 *   parseSelect('id,assignee:members!tasks_assignee_id_fkey(display_name),...teams(name),budget::text')
 *   parseSelect('team_id,count(),budget.sum()::int')
 *   parseSelect('settings->langs->>0,email_on:settings->notifications->>email')
 */
import type { AggregateFunction, JoinType, SelectItem } from './types.js';
import type { Parser } from './parsec.js';
import {
  alt,
  as,
  attempt,
  before,
  between,
  bind2,
  bindWith,
  char,
  choice,
  eof,
  lazy,
  lookAhead,
  map,
  optionMaybe,
  sepBy,
  string,
  andThen,
  zero,
} from './parsec.js';
import { aliasSeparator, lexeme, pField, pFieldName, pIdentifier } from './grammar.js';

type EmbedParam = { type: 'hint'; hint: string } | { type: 'join'; joinType: JoinType };

const pEmbedParam: Parser<EmbedParam> = andThen(
  char('!'),
  alt<EmbedParam>(
    attempt(as(string('left'), { type: 'join', joinType: 'left' })),
    attempt(as(string('inner'), { type: 'join', joinType: 'inner' })),
    attempt(map(pFieldName, (hint) => ({ type: 'hint', hint }))),
  ),
);

const hintOf = (p: EmbedParam | null) => (p?.type === 'hint' ? p.hint : null);
const joinOf = (p: EmbedParam | null) => (p?.type === 'join' ? p.joinType : null);

const pEmbedParams: Parser<{ hint: string | null; joinType: JoinType | null }> = bind2(
  optionMaybe(pEmbedParam),
  optionMaybe(pEmbedParam),
  (p1, p2) => ({ hint: hintOf(p1) ?? hintOf(p2), joinType: joinOf(p1) ?? joinOf(p2) }),
);

const lookParen: Parser<null> = attempt(as(lookAhead(string('(')), null));

type Head =
  | Omit<Extract<SelectItem, { type: 'relation' }>, 'children'>
  | Omit<Extract<SelectItem, { type: 'spread' }>, 'children'>;

const pEmbedTail = bind2(pEmbedParams, lookParen, (params) => params);

export const pRelationSelect: Parser<Head> = lexeme(
  bind2(
    optionMaybe(attempt(before(pFieldName, aliasSeparator))),
    bindWith(
      pFieldName,
      (relation) => (relation === 'count' ? zero : pEmbedTail),
      (relation, params) => ({ relation, ...params }),
    ),
    (alias, { relation, hint, joinType }) => ({ type: 'relation' as const, relation, alias, hint, joinType }),
  ),
);

export const pSpreadRelationSelect: Parser<Head> = lexeme(
  bind2(andThen(string('...'), pFieldName), pEmbedTail, (relation, { hint, joinType }) => ({
    type: 'spread' as const,
    relation,
    hint,
    joinType,
  })),
);

const pEnd: Parser<null> = alt(
  attempt(as(lookAhead(string(')')), null)),
  attempt(as(lookAhead(string(',')), null)),
  attempt(eof),
);

const pAggregation: Parser<AggregateFunction> = choice<AggregateFunction>([
  as(string('sum'), 'sum'),
  as(string('avg'), 'avg'),
  as(string('count'), 'count'),
  as(attempt(string('max')), 'max'),
  as(attempt(string('min')), 'min'),
]);

const pCast: Parser<string | null> = optionMaybe(andThen(string('::'), pIdentifier));
const pAlias: Parser<string | null> = optionMaybe(attempt(before(pFieldName, aliasSeparator)));

export const pFieldSelect: Parser<SelectItem> = lexeme(
  alt<SelectItem>(
    attempt(
      map(andThen(string('*'), pEnd), (): SelectItem => ({
        type: 'field' as const,
        field: { name: '*', jsonPath: [] },
        aggregate: null,
        aggregateCast: null,
        cast: null,
        alias: null,
      })),
    ),
    attempt(
      bind2(
        pAlias,
        andThen(
          string('count()'),
          bind2(pCast, pEnd, (aggregateCast) => aggregateCast),
        ),
        (alias, aggregateCast): SelectItem => ({
          type: 'field' as const,
          field: { name: '*', jsonPath: [] },
          aggregate: 'count' as const,
          aggregateCast,
          cast: null,
          alias,
        }),
      ),
    ),
    bind2(
      pAlias,
      bind2(
        pField,
        bind2(
          pCast,
          bind2(
            optionMaybe(attempt(andThen(char('.'), before(pAggregation, string('()'))))),
            bind2(pCast, pEnd, (aggregateCast) => aggregateCast),
            (aggregate, aggregateCast) => ({ aggregate, aggregateCast }),
          ),
          (cast, rest) => ({ cast, ...rest }),
        ),
        (field, rest) => ({ field, ...rest }),
      ),
      (alias, { field, aggregate, aggregateCast, cast }): SelectItem => ({
        type: 'field' as const,
        field,
        aggregate,
        aggregateCast,
        cast,
        alias,
      }),
    ),
  ),
);

const pFieldTree: Parser<SelectItem> = lazy(() =>
  alt<SelectItem>(
    bind2(
      attempt(pSpreadRelationSelect),
      between(char('('), char(')'), pFieldForest),
      (head, children) => ({ ...head, children }) as SelectItem,
    ),
    bind2(
      attempt(pRelationSelect),
      between(char('('), char(')'), pFieldForest),
      (head, children) => ({ ...head, children }) as SelectItem,
    ),
    pFieldSelect,
  ),
);

export const pFieldForest: Parser<SelectItem[]> = lazy(() => sepBy(pFieldTree, lexeme(char(','))));
