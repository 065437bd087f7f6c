import type { SchemaInfo } from '../../shared/model/catalog.js';
import { quoteIdent } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function schemaTarget(name: string): Target {
  return { word: 'SCHEMA', name: quoteIdent(name), object: refs.schema(name) };
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION owner]. */
export function createSchema(
  s: Pick<SchemaInfo, 'name'> & { owner?: string },
  options: { ifNotExists?: boolean } = {},
): Statement {
  return statement(
    'create',
    refs.schema(s.name),
    `CREATE SCHEMA ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${quoteIdent(s.name)}` +
      (s.owner !== undefined ? ` AUTHORIZATION ${quoteIdent(s.owner)}` : ''),
  );
}
