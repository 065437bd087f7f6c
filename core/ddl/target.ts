import type { ObjectRef } from '../../shared/model/catalog.js';
import { quoteIdent, quoteNullableLiteral } from './quote.js';
import { statement, type Statement } from './statement.js';

/**
 * An object as ALTER / COMMENT / DROP name it: the keyword (`TABLE`, `MATERIALIZED VIEW`, `FUNCTION`…) and the
 * quoted name (`api.t`, `api.f(integer)`, `p ON api.t`). Every kind's file builds its targets; the generic
 * statements below work for all of them.
 */
export interface Target {
  readonly word: string;
  readonly name: string;
  readonly object: ObjectRef;
}

export function commentOn(t: Target, comment: string | null): Statement {
  return statement('comment', t.object, `COMMENT ON ${t.word} ${t.name} IS ${quoteNullableLiteral(comment)}`);
}

export function ownerTo(t: Target, owner: string): Statement {
  return statement('owner', t.object, `ALTER ${t.word} ${t.name} OWNER TO ${quoteIdent(owner)}`);
}

export function renameTo(t: Target, newName: string): Statement {
  return statement('rename', t.object, `ALTER ${t.word} ${t.name} RENAME TO ${quoteIdent(newName)}`);
}

export function setSchema(t: Target, schema: string): Statement {
  return statement('alter', t.object, `ALTER ${t.word} ${t.name} SET SCHEMA ${quoteIdent(schema)}`);
}

export interface DropOptions {
  readonly ifExists?: boolean;
  readonly cascade?: boolean;
}

export function dropObject(t: Target, options: DropOptions = {}): Statement {
  return statement(
    'drop',
    t.object,
    `DROP ${t.word} ${options.ifExists === true ? 'IF EXISTS ' : ''}${t.name}${options.cascade === true ? ' CASCADE' : ''}`,
  );
}
