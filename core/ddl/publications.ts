import type { Publication, PublicationTable, PublishAction } from '../../shared/model/catalog.js';
import { parenthesisedExpression } from './expression.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

// Publications are database-wide. Creating one needs CREATE on the database (FOR ALL TABLES and TABLES IN SCHEMA
// a superuser); tables are always named ONLY, as pg_dump does: each inheritance child is a member of its own.

export function publicationTarget(name: string): Target {
  return { word: 'PUBLICATION', name: quoteIdent(name), object: refs.publication(name) };
}

/** `ONLY s.t [(a, b)] [WHERE (…)]`: one published table as FOR TABLE and ADD TABLE name it. */
export function publishedTable(t: PublicationTable): string {
  const columns = t.columns === undefined ? '' : ` (${t.columns.map(quoteIdent).join(', ')})`;
  const where =
    t.where === undefined ? '' : ` WHERE ${parenthesisedExpression(t.where, 'publication row filter')}`;
  return `ONLY ${quoteQualified(t.schema, t.name)}${columns}${where}`;
}

/** `WITH (publish = '…', publish_via_partition_root = …)`: both always, so nothing rests on the defaults. */
function options(publish: readonly PublishAction[], viaPartitionRoot: boolean): string {
  return `(publish = ${quoteLiteral(publish.join(', '))}, publish_via_partition_root = ${String(viaPartitionRoot)})`;
}

/**
 * What a publication takes: FOR ALL TABLES, or its tables then its schemas, or nothing. One TABLE keyword before
 * the tables and one TABLES IN SCHEMA before the schemas (14 knows no repeated TABLE).
 */
function forClause(p: Pick<Publication, 'allTables' | 'tables' | 'schemas'>): string {
  if (p.allTables) return ' FOR ALL TABLES';
  const objects = [
    ...(p.tables.length > 0 ? [`TABLE ${p.tables.map(publishedTable).join(', ')}`] : []),
    ...(p.schemas.length > 0 ? [`TABLES IN SCHEMA ${p.schemas.map(quoteIdent).join(', ')}`] : []),
  ];
  return objects.length === 0 ? '' : ` FOR ${objects.join(', ')}`;
}

/** CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE … , TABLES IN SCHEMA …] WITH (…). */
export function createPublication(
  p: Pick<Publication, 'name' | 'allTables' | 'tables' | 'schemas' | 'publish' | 'viaPartitionRoot'>,
): Statement {
  return statement(
    'create',
    refs.publication(p.name),
    `CREATE PUBLICATION ${quoteIdent(p.name)}${forClause(p)} WITH ${options(p.publish, p.viaPartitionRoot)}`,
  );
}

/** ALTER PUBLICATION name SET (publish = '…', publish_via_partition_root = …). */
export function setPublicationOptions(
  name: string,
  publish: readonly PublishAction[],
  viaPartitionRoot: boolean,
): Statement {
  return statement(
    'alter',
    refs.publication(name),
    `ALTER PUBLICATION ${quoteIdent(name)} SET ${options(publish, viaPartitionRoot)}`,
  );
}

/** ALTER PUBLICATION name ADD TABLE ONLY s.t [(…)] [WHERE (…)]. */
export function addPublicationTable(name: string, t: PublicationTable): Statement {
  return statement(
    'alter',
    refs.publication(name),
    `ALTER PUBLICATION ${quoteIdent(name)} ADD TABLE ${publishedTable(t)}`,
  );
}

/** ALTER PUBLICATION name DROP TABLE ONLY s.t. */
export function dropPublicationTable(name: string, t: Pick<PublicationTable, 'schema' | 'name'>): Statement {
  return statement(
    'alter',
    refs.publication(name),
    `ALTER PUBLICATION ${quoteIdent(name)} DROP TABLE ONLY ${quoteQualified(t.schema, t.name)}`,
  );
}

/** ALTER PUBLICATION name ADD / DROP TABLES IN SCHEMA s. */
export function publicationSchema(name: string, action: 'ADD' | 'DROP', schema: string): Statement {
  return statement(
    'alter',
    refs.publication(name),
    `ALTER PUBLICATION ${quoteIdent(name)} ${action} TABLES IN SCHEMA ${quoteIdent(schema)}`,
  );
}
