import { GatehouseError } from '../errors.js';
import { QUOTED_KEYWORDS } from './keywords.js';

/**
 * The one place SQL names and values are quoted (core/ddl re-exports these; the renderer imports them only to
 * show SQL). Pure: no server round trip, so the renderer and the CLI quote alike.
 */

/** PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the server, so a DDL writer refuses them. */
export const MAX_IDENTIFIER_BYTES = 63;

const utf8 = new TextEncoder();
const BARE = /^[a-z_][a-z0-9_]*$/;

/** Whether PostgreSQL's quote_ident() would leave `name` bare (ruleutils.c quote_identifier). */
export function isBareIdentifier(name: string): boolean {
  return BARE.test(name) && !QUOTED_KEYWORDS.has(name);
}

/** The keywords quote_ident() quotes: every keyword but the unreserved ones. */
export interface QuotedKeywords {
  has(word: string): boolean;
}

/**
 * A quoter for one server's keyword list (the catalog reader passes the server's own pg_get_keywords(), to spell
 * definitions exactly as that server's deparser does). Everything else uses quoteIdent, built on PostgreSQL 18's
 * list, which quotes every keyword of every supported version (core/ddl/quote.pg.test.ts checks it).
 */
export function identQuoter(keywords: QuotedKeywords): (name: string) => string {
  return (name) => {
    if (name === '')
      throw new GatehouseError('GH700', 'An SQL name cannot be empty.', {
        hint: 'Give the object, role or column a name.',
      });
    if (name.includes('\0'))
      throw new GatehouseError('GH700', 'An SQL name cannot contain the NUL character.', {
        details: JSON.stringify(name),
        hint: 'Remove the NUL character (U+0000) from the name.',
      });
    const bytes = utf8.encode(name).length;
    if (bytes > MAX_IDENTIFIER_BYTES)
      throw new GatehouseError('GH700', `The name is ${bytes} bytes long; PostgreSQL keeps only 63.`, {
        details: name,
        hint: 'Shorten the name to at most 63 bytes (UTF-8), or PostgreSQL would truncate it.',
      });
    return BARE.test(name) && !keywords.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
  };
}

/**
 * An identifier exactly as PostgreSQL's quote_ident() writes it: bare when it is lower-case letters, digits and
 * underscores, does not start with a digit and is not a keyword other than an unreserved one; otherwise
 * double-quoted with inner quotes doubled. Names PostgreSQL could not store (empty, NUL, over 63 bytes) are refused
 * rather than written into DDL that would silently name a different object.
 */
export const quoteIdent: (name: string) => string = identQuoter(QUOTED_KEYWORDS);

/** `schema.name`, each part quoted as quote_ident() would. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * Always double-quoted, NUL characters dropped: PostgREST's pgFmtIdent, for SQL that must read exactly as
 * PostgREST's (search_path values, the simulator's queries). Never for DDL: use quoteIdent.
 */
export function quoteIdentAlways(name: string): string {
  return `"${name.replaceAll('\0', '').replaceAll('"', '""')}"`;
}

/**
 * A string literal exactly as PostgreSQL's quote_literal() writes it: single quotes doubled, and when the text
 * holds a backslash, backslashes doubled and an E prefix, so it reads the same whatever
 * standard_conforming_strings is.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0'))
    throw new GatehouseError('GH701', 'An SQL string cannot contain the NUL character.', {
      hint: 'Remove the NUL character (U+0000) from the value.',
    });
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? `E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/** quoteLiteral, or NULL for null. */
export function quoteNullableLiteral(value: string | null): string {
  return value === null ? 'NULL' : quoteLiteral(value);
}
