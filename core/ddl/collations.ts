import { GatehouseError } from '../../shared/errors.js';
import type { Collation } from '../../shared/model/catalog.js';
import { quoteLiteral, quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';
import type { Target } from './target.js';

export function collationTarget(c: Pick<Collation, 'schema' | 'name'>): Target {
  return {
    word: 'COLLATION',
    name: quoteQualified(c.schema, c.name),
    object: refs.collation(c.schema, c.name),
  };
}

/**
 * CREATE COLLATION s.c (provider = …, locale = … | lc_collate = …, lc_ctype = …[, rules = …][, deterministic =
 * false]). The provider's version is not written: PostgreSQL records the one its library has.
 */
export function createCollation(c: Collation): Statement {
  const options = [`provider = ${c.provider}`];
  if (c.provider === 'libc') {
    if (c.collate === null || c.ctype === null)
      throw new GatehouseError(
        'GH222',
        `The libc collation ${c.schema}.${c.name} has no locale in the model.`,
      );
    if (c.collate === c.ctype) options.push(`locale = ${quoteLiteral(c.collate)}`);
    else options.push(`lc_collate = ${quoteLiteral(c.collate)}`, `lc_ctype = ${quoteLiteral(c.ctype)}`);
  } else {
    if (c.locale === null)
      throw new GatehouseError(
        'GH222',
        `The ${c.provider} collation ${c.schema}.${c.name} has no locale in the model.`,
      );
    options.push(`locale = ${quoteLiteral(c.locale)}`);
  }
  if (c.icuRules !== null) options.push(`rules = ${quoteLiteral(c.icuRules)}`);
  if (!c.deterministic) options.push('deterministic = false');
  return statement(
    'create',
    refs.collation(c.schema, c.name),
    `CREATE COLLATION ${quoteQualified(c.schema, c.name)} (${options.join(', ')})`,
  );
}
