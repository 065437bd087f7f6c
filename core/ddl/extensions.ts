import type { Extension } from '../../shared/model/catalog.js';
import { quoteIdent, quoteLiteral } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function extensionTarget(name: string): Target {
  return { word: 'EXTENSION', name: quoteIdent(name), object: refs.extension(name) };
}

/** CREATE EXTENSION [IF NOT EXISTS] name [WITH SCHEMA s] [VERSION 'v'] [CASCADE]. */
export function createExtension(
  e: Pick<Extension, 'name'> & { schema?: string; version?: string },
  options: { ifNotExists?: boolean; cascade?: boolean } = {},
): Statement {
  return statement(
    'create',
    refs.extension(e.name),
    `CREATE EXTENSION ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${quoteIdent(e.name)}` +
      (e.schema !== undefined ? ` WITH SCHEMA ${quoteIdent(e.schema)}` : '') +
      (e.version !== undefined ? ` VERSION ${quoteLiteral(e.version)}` : '') +
      (options.cascade === true ? ' CASCADE' : ''),
  );
}

/** ALTER EXTENSION name UPDATE [TO 'version']. */
export function updateExtension(name: string, version?: string): Statement {
  return statement(
    'alter',
    refs.extension(name),
    `ALTER EXTENSION ${quoteIdent(name)} UPDATE${version !== undefined ? ` TO ${quoteLiteral(version)}` : ''}`,
  );
}
