/**
 * PostgreSQL's quote_ident(): an identifier stays bare only when it is all lower-case letters, digits and
 * underscores, starts with a letter or underscore, and is not a keyword other than an unreserved one
 * (`reserved` comes from keywords.sql). Otherwise it is double-quoted with inner quotes doubled.
 */
export function quoteIdent(name: string, reserved: ReadonlySet<string>): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !reserved.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
