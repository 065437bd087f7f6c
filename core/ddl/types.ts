import { GatehouseError } from '../../shared/errors.js';
import type { QualifiedName, UserType } from '../../shared/model/catalog.js';
import { parenthesisedExpression, typeName } from './expression.js';
import { functionName } from './names.js';
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

/** A composite type's attribute as COMMENT ON COLUMN names it; its statements go with the type. */
export function attributeTarget(schema: string, type: string, attribute: string): Target {
  return {
    word: 'COLUMN',
    name: `${quoteQualified(schema, type)}.${quoteIdent(attribute)}`,
    object: refs.type(schema, type),
  };
}

/** A domain's constraint as COMMENT ON CONSTRAINT … ON DOMAIN names it; its statements go with the domain. */
export function domainConstraintTarget(schema: string, domain: string, constraint: string): Target {
  return {
    word: 'CONSTRAINT',
    name: `${quoteIdent(constraint)} ON DOMAIN ${quoteQualified(schema, domain)}`,
    object: refs.type(schema, domain),
  };
}

// ------------------------------------------------------------------------------------------------ composite

/** CREATE TYPE s.t AS (attribute type, …). */
export function createCompositeType(t: Pick<UserType, 'schema' | 'name' | 'attributes'>): Statement {
  const attrs = t.attributes.map(
    (a) => `${quoteIdent(a.name)} ${typeName(a.type.formatted)}${collate(a.collation)}`,
  );
  return statement(
    'create',
    refs.type(t.schema, t.name),
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS (${attrs.length > 0 ? `\n  ${attrs.join(',\n  ')}\n` : ''})`,
  );
}

/** ` COLLATE s.c`, or nothing. */
const collate = (c: { readonly schema: string; readonly name: string } | undefined): string =>
  c === undefined ? '' : ` COLLATE ${quoteQualified(c.schema, c.name)}`;

/** ALTER TYPE s.t ADD / DROP / ALTER ATTRIBUTE … [CASCADE]. */
export function alterCompositeAttribute(
  schema: string,
  name: string,
  change:
    | { readonly add: string; readonly type: string; readonly collation?: QualifiedName }
    | { readonly drop: string }
    | { readonly alter: string; readonly type: string; readonly collation?: QualifiedName }
    | { readonly rename: string; readonly to: string },
  options: { cascade?: boolean } = {},
): Statement {
  const action =
    'add' in change
      ? `ADD ATTRIBUTE ${quoteIdent(change.add)} ${typeName(change.type)}${collate(change.collation)}`
      : 'drop' in change
        ? `DROP ATTRIBUTE ${quoteIdent(change.drop)}`
        : 'alter' in change
          ? `ALTER ATTRIBUTE ${quoteIdent(change.alter)} TYPE ${typeName(change.type)}${collate(change.collation)}`
          : `RENAME ATTRIBUTE ${quoteIdent(change.rename)} TO ${quoteIdent(change.to)}`;
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER TYPE ${quoteQualified(schema, name)} ${action}${options.cascade === true ? ' CASCADE' : ''}`,
  );
}

// ------------------------------------------------------------------------------------------------ range

/**
 * CREATE TYPE s.r AS RANGE (SUBTYPE = t[, SUBTYPE_OPCLASS = …][, COLLATION = …][, SUBTYPE_DIFF = …]
 * [, MULTIRANGE_TYPE_NAME = …]). A canonical function is refused: it needs a shell type created first and is
 * written in C.
 */
export function createRangeType(
  t: Pick<UserType, 'schema' | 'name' | 'rangeSubtype'> & Partial<Pick<UserType, 'range'>>,
): Statement {
  if (t.rangeSubtype === null)
    throw new GatehouseError('GH222', `The range type ${t.schema}.${t.name} has no subtype in the model.`);
  const o = t.range;
  if (o?.canonical !== undefined)
    throw new GatehouseError(
      'GH222',
      `The range type ${t.schema}.${t.name} has a canonical function, which the model cannot write.`,
      {
        hint: 'A canonical function is written in C against a shell type: create the type through its extension.',
      },
    );
  const options = [`SUBTYPE = ${typeName(t.rangeSubtype.formatted)}`];
  if (o?.opclass !== undefined)
    options.push(`SUBTYPE_OPCLASS = ${quoteQualified(o.opclass.schema, o.opclass.name)}`);
  if (o?.collation !== undefined)
    options.push(`COLLATION = ${quoteQualified(o.collation.schema, o.collation.name)}`);
  if (o?.subtypeDiff !== undefined)
    options.push(`SUBTYPE_DIFF = ${functionName(o.subtypeDiff, 'subtype_diff function')}`);
  if (o?.multirange !== undefined)
    options.push(`MULTIRANGE_TYPE_NAME = ${quoteQualified(o.multirange.schema, o.multirange.name)}`);
  return statement(
    'create',
    refs.type(t.schema, t.name),
    `CREATE TYPE ${quoteQualified(t.schema, t.name)} AS RANGE (${options.join(', ')})`,
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
  if (d.collation !== undefined) parts.push(collate(d.collation).trimStart());
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

/** ALTER DOMAIN s.d ADD CONSTRAINT n NOT NULL: NOT NULL under a name of its own (PostgreSQL 17+ keeps it). */
export function addDomainNotNull(schema: string, name: string, constraint: string): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} ADD CONSTRAINT ${quoteIdent(constraint)} NOT NULL`,
  );
}

export function renameDomainConstraint(schema: string, name: string, from: string, to: string): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} RENAME CONSTRAINT ${quoteIdent(from)} TO ${quoteIdent(to)}`,
  );
}

export function setDomainNotNull(schema: string, name: string, notNull: boolean): Statement {
  return statement(
    'alter',
    refs.type(schema, name),
    `ALTER DOMAIN ${quoteQualified(schema, name)} ${notNull ? 'SET' : 'DROP'} NOT NULL`,
  );
}
