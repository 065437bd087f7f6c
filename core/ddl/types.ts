import { GatehouseError } from '../../shared/errors.js';
import type { UserType } from '../../shared/model/catalog.js';
import { parenthesisedExpression, typeName } from './expression.js';
import { quoteIdent, quoteLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function typeTarget(t: Pick<UserType, 'schema' | 'name' | 'kind'>): Target {
  return {
    word: t.kind === 'domain' ? 'DOMAIN' : 'TYPE',
    name: quoteQualified(t.schema, t.name),
    object: refs.type(t.schema, t.name),
  };
}

// ------------------------------------------------------------------------------------------------ composite

/** CREATE TYPE s.t AS (attribute type, …). */
export function createCompositeType(t: Pick<UserType, 'schema' | 'name' | 'attributes'>): Statement {
  const attrs = t.attributes.map((a) => `${quoteIdent(a.name)} ${typeName(a.type.formatted)}`);
  return statement(
    'create',
    refs.type(t.schema, t.name),
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS (${attrs.length > 0 ? `\n  ${attrs.join(',\n  ')}\n` : ''})`,
  );
}

/** ALTER TYPE s.t ADD / DROP / ALTER ATTRIBUTE … [CASCADE]. */
export function alterCompositeAttribute(
  schema: string,
  name: string,
  change:
    | { readonly add: string; readonly type: string }
    | { readonly drop: string }
    | { readonly alter: string; readonly type: string }
    | { readonly rename: string; readonly to: string },
  options: { cascade?: boolean } = {},
): Statement {
  const action =
    'add' in change
      ? `ADD ATTRIBUTE ${quoteIdent(change.add)} ${typeName(change.type)}`
      : 'drop' in change
        ? `DROP ATTRIBUTE ${quoteIdent(change.drop)}`
        : 'alter' in change
          ? `ALTER ATTRIBUTE ${quoteIdent(change.alter)} TYPE ${typeName(change.type)}`
          : `RENAME ATTRIBUTE ${quoteIdent(change.rename)} TO ${quoteIdent(change.to)}`;
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER TYPE ${quoteQualified(schema, name)} ${action}${options.cascade === true ? ' CASCADE' : ''}`,
  );
}

// ------------------------------------------------------------------------------------------------ range

/** CREATE TYPE s.r AS RANGE (SUBTYPE = t): the model holds the subtype only (its other options take defaults). */
export function createRangeType(t: Pick<UserType, 'schema' | 'name' | 'rangeSubtype'>): Statement {
  if (t.rangeSubtype === null)
    throw new GatehouseError('GH222', `The range type ${t.schema}.${t.name} has no subtype in the model.`);
  return statement(
    'create',
    refs.type(t.schema, t.name),
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS RANGE (SUBTYPE = ${typeName(t.rangeSubtype.formatted)})`,
  );
}

// ------------------------------------------------------------------------------------------------ enum

export function createEnum(t: Pick<UserType, 'schema' | 'name' | 'labels'>): Statement {
  return statement(
    'create',
    refs.type(t.schema, t.name),
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS ENUM (${t.labels.map(quoteLiteral).join(', ')})`,
  );
}

/**
 * ALTER TYPE s.e ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'x']. Allowed in a transaction block (PostgreSQL 12+),
 * but the new value cannot be used before that transaction commits.
 */
export function addEnumValue(
  schema: string,
  name: string,
  value: string,
  position?: { readonly before: string } | { readonly after: string },
  options: { ifNotExists?: boolean } = {},
): Statement {
  const where =
    position === undefined
      ? ''
      : 'before' in position
        ? ` BEFORE ${quoteLiteral(position.before)}`
        : ` AFTER ${quoteLiteral(position.after)}`;
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER TYPE ${quoteQualified(schema, name)} ADD VALUE ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${quoteLiteral(value)}${where}`,
  );
}

export function renameEnumValue(schema: string, name: string, from: string, to: string): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER TYPE ${quoteQualified(schema, name)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)}`,
  );
}

// ------------------------------------------------------------------------------------------------ domain

/**
 * CREATE DOMAIN s.d AS base [DEFAULT …] [CONSTRAINT n NOT NULL | NOT NULL] [CONSTRAINT n CHECK (…)].
 * Constraints not yet validated are left out: addDomainConstraint() adds them NOT VALID afterwards.
 */
export function createDomain(t: Pick<UserType, 'schema' | 'name' | 'domain'>): Statement {
  const d = t.domain;
  if (d === null) throw new GatehouseError('GH222', `${t.schema}.${t.name} is not a domain.`);
  const parts = [`CREATE DOMAIN ${quoteQualified(t.schema, t.name)} AS ${typeName(d.baseType.formatted)}`];
  if (d.collation !== undefined)
    parts.push(`COLLATE ${quoteQualified(d.collation.schema, d.collation.name)}`);
  if (d.default !== null) parts.push(`DEFAULT ${parenthesisedExpression(d.default, 'domain default')}`);
  const named = d.constraints.filter((c) => c.validated);
  if (d.notNull && !named.some((c) => c.notNull)) parts.push('NOT NULL');
  for (const c of named)
    parts.push(`CONSTRAINT ${quoteIdent(c.name)} ${c.notNull ? 'NOT NULL' : checkClause(c.definition)}`);
  return statement('create', refs.type(t.schema, t.name), parts.join('\n  '));
}

/** `CHECK (…)` as pg_get_constraintdef writes it, refused when it is anything else. */
function checkClause(definition: string): string {
  const m = /^CHECK (.*?)( NOT VALID)?$/s.exec(definition);
  if (m === null || m[1] === undefined)
    throw new GatehouseError('GH222', 'A domain constraint must read CHECK (…).', { details: definition });
  parenthesisedExpression(m[1].replace(/^\((.*)\)$/s, '$1'), 'domain check');
  return `CHECK ${m[1]}`;
}

/** ALTER DOMAIN s.d ADD CONSTRAINT n CHECK (…) [NOT VALID]. */
export function addDomainConstraint(
  schema: string,
  name: string,
  c: { readonly name: string; readonly definition: string; readonly validated?: boolean },
): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} ADD CONSTRAINT ${quoteIdent(c.name)} ${checkClause(c.definition)}${c.validated === false ? ' NOT VALID' : ''}`,
  );
}

export function dropDomainConstraint(
  schema: string,
  name: string,
  constraint: string,
  options: { cascade?: boolean } = {},
): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} DROP CONSTRAINT ${quoteIdent(constraint)}${options.cascade === true ? ' CASCADE' : ''}`,
  );
}

export function setDomainDefault(schema: string, name: string, expression: string | null): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} ${expression === null ? 'DROP DEFAULT' : `SET DEFAULT ${parenthesisedExpression(expression, 'domain default')}`}`,
  );
}

export function setDomainNotNull(schema: string, name: string, notNull: boolean): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} ${notNull ? 'SET' : 'DROP'} NOT NULL`,
  );
}
