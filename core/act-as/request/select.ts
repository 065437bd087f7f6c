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
  bind,
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

const pEmbedParams: Parser<{ hint: string | null; joinType: JoinType | null }> = bind(
  optionMaybe(pEmbedParam),
  (p1) =>
    map(optionMaybe(pEmbedParam), (p2) => {
      const hintOf = (p: EmbedParam | null) => (p?.type === 'hint' ? p.hint : null);
      const joinOf = (p: EmbedParam | null) => (p?.type === 'join' ? p.joinType : null);
      return { hint: hintOf(p1) ?? hintOf(p2), joinType: joinOf(p1) ?? joinOf(p2) };
    }),
);

const lookParen: Parser<null> = attempt(as(lookAhead(string('(')), null));

type Head =
  | Omit<Extract<SelectItem, { type: 'relation' }>, 'children'>
  | Omit<Extract<SelectItem, { type: 'spread' }>, 'children'>;

export const pRelationSelect: Parser<Head> = lexeme(
  bind(optionMaybe(attempt(before(pFieldName, aliasSeparator))), (alias) =>
    bind(pFieldName, (relation) =>
      relation === 'count'
        ? zero
        : bind(pEmbedParams, ({ hint, joinType }) =>
            as(lookParen, { type: 'relation' as const, relation, alias, hint, joinType }),
          ),
    ),
  ),
);

export const pSpreadRelationSelect: Parser<Head> = lexeme(
  bind(andThen(string('...'), pFieldName), (relation) =>
    bind(pEmbedParams, ({ hint, joinType }) =>
      as(lookParen, { type: 'spread' as const, relation, hint, joinType }),
    ),
  ),
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
      bind(string('*'), () =>
        as(pEnd, {
          type: 'field' as const,
          field: { name: '*', jsonPath: [] },
          aggregate: null,
          aggregateCast: null,
          cast: null,
          alias: null,
        }),
      ),
    ),
    attempt(
      bind(pAlias, (alias) =>
        bind(string('count()'), () =>
          bind(pCast, (aggregateCast) =>
            as(pEnd, {
              type: 'field' as const,
              field: { name: '*', jsonPath: [] },
              aggregate: 'count' as const,
              aggregateCast,
              cast: null,
              alias,
            }),
          ),
        ),
      ),
    ),
    bind(pAlias, (alias) =>
      bind(pField, (field) =>
        bind(pCast, (cast) =>
          bind(optionMaybe(attempt(andThen(char('.'), before(pAggregation, string('()'))))), (aggregate) =>
            bind(pCast, (aggregateCast) =>
              as(pEnd, { type: 'field' as const, field, aggregate, aggregateCast, cast, alias }),
            ),
          ),
        ),
      ),
    ),
  ),
);

const pFieldTree: Parser<SelectItem> = lazy(() =>
  alt<SelectItem>(
    bind(attempt(pSpreadRelationSelect), (head) =>
      map(between(char('('), char(')'), pFieldForest), (children) => ({ ...head, children }) as SelectItem),
    ),
    bind(attempt(pRelationSelect), (head) =>
      map(between(char('('), char(')'), pFieldForest), (children) => ({ ...head, children }) as SelectItem),
    ),
    pFieldSelect,
  ),
);

export const pFieldForest: Parser<SelectItem[]> = lazy(() => sepBy(pFieldTree, lexeme(char(','))));
