import { GatehouseError } from '../../shared/errors.js';
import type { StatisticsObject } from '../../shared/model/catalog.js';
import { singleStatement } from './expression.js';
import { quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function statisticsTarget(s: Pick<StatisticsObject, 'schema' | 'name'>): Target {
  return {
    word: 'STATISTICS',
    name: quoteQualified(s.schema, s.name),
    object: refs.statistics(s.schema, s.name),
  };
}

/**
 * The statistics object as pg_get_statisticsobjdef() wrote it (`CREATE STATISTICS s.n (kinds) ON … FROM s.t`),
 * refused unless it is that one statement for that name.
 */
export function createStatistics(s: Pick<StatisticsObject, 'schema' | 'name' | 'definition'>): Statement {
  const sql = singleStatement(s.definition, 'CreateStatsStmt', 'statistics definition');
  if (!sql.startsWith(`CREATE STATISTICS ${quoteQualified(s.schema, s.name)} `))
    throw new GatehouseError(
      'GH222',
      `The definition of statistics ${s.schema}.${s.name} names another object.`,
      {
        details: sql,
      },
    );
  return statement('create', refs.statistics(s.schema, s.name), sql);
}

/**
 * `SET STATISTICS n` for a column, an index column or a statistics object: -1 (the default) when null, which every
 * major from 14 takes; refused unless an integer of 0 or more.
 */
export function statisticsTargetSql(target: number | null): string {
  if (target !== null && (!Number.isInteger(target) || target < 0))
    throw new GatehouseError('GH222', 'A statistics target must be an integer of 0 or more.', {
      details: String(target),
    });
  return `SET STATISTICS ${target ?? -1}`;
}

/** ALTER STATISTICS s.n SET STATISTICS n. */
export function setStatisticsTarget(schema: string, name: string, target: number | null): Statement {
  return statement(
    'alter',
    refs.statistics(schema, name),
    `ALTER STATISTICS ${quoteQualified(schema, name)} ${statisticsTargetSql(target)}`,
  );
}
