import { GatehouseError } from '../../shared/errors.js';
import type { Relation } from '../../shared/model/catalog.js';
import { singleStatement } from './expression.js';
import { quoteQualified } from './quote.js';
import { optionList, storageParameters } from './reloptions.js';
import { refs, statement, type Statement } from './statement.js';

export type ViewSpec = Pick<Relation, 'schema' | 'name' | 'kind' | 'options' | 'viewDefinition'> &
  Pick<Partial<Relation>, 'toastOptions'>;

/** pg_get_viewdef text without its trailing semicolon. */
function query(v: ViewSpec): string {
  if (v.viewDefinition === null)
    throw new GatehouseError('GH222', `The definition of ${v.schema}.${v.name} could not be read.`, {
      hint: 'Read the catalog as a role that may see the view’s definition.',
    });
  return v.viewDefinition.trim().replace(/;$/, '');
}

/**
 * CREATE [OR REPLACE] VIEW s.v [WITH (options)] AS query. The options (security_barrier, security_invoker,
 * check_option) are written as stored, so WITH CHECK OPTION needs no separate clause.
 */
export function createView(v: ViewSpec, options: { orReplace?: boolean } = {}): Statement {
  if (v.kind !== 'view') throw new GatehouseError('GH222', `${v.schema}.${v.name} is not a view.`);
  const sql =
    `CREATE ${options.orReplace === true ? 'OR REPLACE ' : ''}VIEW ${quoteQualified(v.schema, v.name)}` +
    `${v.options.length > 0 ? ` WITH ${optionList(v.options)}` : ''} AS\n${query(v)}`;
  return statement(
    'create',
    refs.relation(v.schema, v.name),
    singleStatement(sql, 'ViewStmt', 'view definition'),
  );
}

/** CREATE MATERIALIZED VIEW s.v [WITH (options, toast.options)] AS query [WITH NO DATA]. */
export function createMaterializedView(v: ViewSpec, options: { withData?: boolean } = {}): Statement {
  if (v.kind !== 'materialized_view')
    throw new GatehouseError('GH222', `${v.schema}.${v.name} is not a materialized view.`);
  const parameters = storageParameters(v);
  const sql =
    `CREATE MATERIALIZED VIEW ${quoteQualified(v.schema, v.name)}` +
    `${parameters.length > 0 ? ` WITH ${optionList(parameters)}` : ''} AS\n${query(v)}` +
    (options.withData === false ? '\nWITH NO DATA' : '');
  return statement(
    'create',
    refs.relation(v.schema, v.name),
    singleStatement(sql, 'CreateTableAsStmt', 'materialized view definition'),
  );
}

/** REFRESH MATERIALIZED VIEW [CONCURRENTLY] s.v (CONCURRENTLY needs a unique index on the view). */
export function refreshMaterializedView(
  schema: string,
  name: string,
  options: { concurrently?: boolean } = {},
): Statement {
  return statement(
    'refresh',
    refs.relation(schema, name),
    `REFRESH MATERIALIZED VIEW ${options.concurrently === true ? 'CONCURRENTLY ' : ''}${quoteQualified(schema, name)}`,
  );
}
