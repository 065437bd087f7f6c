import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers } from '../../test/pg.js';
import { createRlsFixture, type RlsFixture } from './testing/fixture-db.js';
import { expressionSyntax, validateExpression } from './validate.js';

describe('policy expression syntax (libpg-query)', () => {
  it('marks the position of a syntax error inside the expression', () => {
    const [p] = expressionSyntax("owner_sub = = 'x'");
    expect(p).toMatchObject({ source: 'syntax', offset: 12 });
    expect(expressionSyntax("owner_sub = current_setting('request.jwt.claims', true)::json->>'sub'")).toEqual(
      [],
    );
  });
  it('refuses what would close the parenthesis and run something else', () => {
    expect(expressionSyntax('true); DROP TABLE x; SELECT (1')[0]?.source).toBe('syntax');
  });
});

describe.each(pgServers())('policy expression names and types ($label)', (server) => {
  let fx: RlsFixture;
  let client: pg.Client;
  const notes = { schema: 'api', name: 'notes' };
  beforeAll(async () => {
    fx = await createRlsFixture(server);
    client = await fx.connect();
  });
  afterAll(async () => {
    await client?.end();
    await fx?.drop();
  });

  it('accepts a good expression and marks an unknown column at PostgreSQL’s position', async () => {
    expect(await validateExpression(client, notes, "owner_sub = 'u-alice'")).toEqual([]);
    const [p] = await validateExpression(client, notes, "ownr_sub = 'u-alice'");
    expect(p).toMatchObject({ source: 'database', offset: 0 });
    expect(p?.message).toMatch(/column "ownr_sub" does not exist/);
    const [q] = await validateExpression(client, notes, 'pinned and id + 1');
    expect(q?.message).toMatch(/argument of AND must be type boolean/);
    expect(q?.offset).toBe(11);
    const [r] = await validateExpression(client, notes, 'id');
    expect(r?.message).toMatch(/argument of WHERE must be type boolean, not type integer/);
  });
});
