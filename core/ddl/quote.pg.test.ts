import { describe, expect, it } from 'vitest';
import { pgServers, superuserQuery } from '../../test/pg.js';
import { INJECTION_NAMES } from '../../shared/sql/injection-names.js';
import { QUOTED_KEYWORDS } from '../../shared/sql/keywords.js';
import { quoteIdent, quoteLiteral } from './quote.js';

describe.each(pgServers())('quoting against $label', (server) => {
  it('quotes identifiers exactly as the server’s quote_ident, keywords newer than the server aside', async () => {
    const { rows: kw } = await superuserQuery(
      server,
      'SELECT word, catcode FROM pg_catalog.pg_get_keywords()',
    );
    const serverQuoted = new Set(kw.filter((r) => r.catcode !== 'U').map((r) => String(r.word)));
    const words = [
      ...new Set([...kw.map((r) => String(r.word)), ...QUOTED_KEYWORDS.keys(), ...INJECTION_NAMES]),
    ];
    const { rows } = await superuserQuery(
      server,
      `SELECT w, quote_ident(w) AS q FROM unnest(ARRAY[${words.map(quoteLiteral).join(',')}]) AS w`,
    );
    const differing = rows.filter((r) => quoteIdent(r.w) !== r.q).map((r) => String(r.w));
    // Our list is PostgreSQL 18's; an older server does not know its newer keywords and leaves them bare.
    // Quoting those is always safe, and nothing the server quotes may ever be left bare by us.
    for (const w of differing) {
      expect(serverQuoted.has(w), w).toBe(false);
      expect(QUOTED_KEYWORDS.has(w), w).toBe(true);
    }
    if (server.major >= 18) expect(differing).toEqual([]);
  });

  it('quotes literals exactly as the server’s quote_literal', async () => {
    const { rows } = await superuserQuery(
      server,
      `SELECT w, quote_literal(w) AS q FROM unnest(ARRAY[${INJECTION_NAMES.map(quoteLiteral).join(',')}]) AS w`,
    );
    expect(rows).toHaveLength(INJECTION_NAMES.length);
    for (const r of rows) expect(quoteLiteral(r.w)).toBe(r.q);
  });
});
