import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { reviewModels } from './review.js';

/**
 * The API both databases start from: anon reads products, app_user its orders through RLS and a view (a
 * security_invoker one from 15 on; 14 has no such option).
 */
const BASE = (r: Record<'auth' | 'anon' | 'user', string>, major: number) => `
  CREATE SCHEMA api;
  GRANT USAGE ON SCHEMA api TO "${r.anon}", "${r.user}";
  CREATE TABLE api.products (id int PRIMARY KEY, name text, cost_cents int);
  GRANT SELECT (id, name) ON api.products TO "${r.anon}";
  GRANT SELECT ON api.products TO "${r.user}";
  CREATE TABLE api.orders (id int PRIMARY KEY, owner text, status text);
  ALTER TABLE api.orders ENABLE ROW LEVEL SECURITY;
  GRANT SELECT, INSERT ON api.orders TO "${r.user}";
  CREATE POLICY own ON api.orders TO "${r.user}" USING (owner = current_user);
  CREATE VIEW api.open_orders${major >= 15 ? ' WITH (security_invoker = true)' : ''} AS SELECT id, owner FROM api.orders WHERE status = 'open';
  GRANT SELECT ON api.open_orders TO "${r.user}";
  CREATE FUNCTION api.price(p int) RETURNS int LANGUAGE sql STABLE AS 'SELECT p';
  REVOKE EXECUTE ON FUNCTION api.price(int) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION api.price(int) TO "${r.anon}";
`;

/** What the target changes: a new table for anon, a wider column grant, a write RPC, policies, a dropped grant. */
const TARGET = (r: Record<'auth' | 'anon' | 'user', string>) => `
  CREATE TABLE api.members (id int PRIMARY KEY, email text);
  GRANT SELECT ON api.members TO "${r.anon}";
  GRANT SELECT (cost_cents) ON api.products TO "${r.anon}";
  REVOKE INSERT ON api.orders FROM "${r.user}";
  ALTER POLICY own ON api.orders USING (owner = current_user AND status <> 'cancelled');
  CREATE POLICY see_open ON api.orders FOR SELECT TO PUBLIC USING (status = 'open');
  CREATE FUNCTION api.signup(email text) RETURNS void LANGUAGE sql VOLATILE AS 'SELECT';
  REVOKE EXECUTE ON FUNCTION api.signup(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION api.signup(text) TO "${r.anon}";
  ALTER FUNCTION api.price(int) VOLATILE;
`;

describe.each(pgServers())('reviewModels on $label', (server) => {
  const s = uniqueSuffix();
  const r = { auth: `rv_auth_${s}`, anon: `rv_anon_${s}`, user: `rv_user_${s}` };
  let a: TempDatabase;
  let b: TempDatabase;
  let from: Catalog;
  let to: Catalog;

  const read = async (db: TempDatabase, sql: string): Promise<Catalog> => {
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    try {
      await client.query(sql);
      return await readCatalog(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await superuserQuery(
      server,
      `CREATE ROLE "${r.auth}" LOGIN NOINHERIT; CREATE ROLE "${r.anon}" NOLOGIN; CREATE ROLE "${r.user}" NOLOGIN;
       GRANT "${r.anon}", "${r.user}" TO "${r.auth}";`,
    );
    a = await createTempDatabase(server, 'gh_review');
    b = await createTempDatabase(server, 'gh_review');
    from = await read(a, BASE(r, server.major));
    to = await read(b, BASE(r, server.major) + TARGET(r));
  });

  afterAll(async () => {
    await a?.drop();
    await b?.drop();
    await superuserQuery(server, `DROP ROLE IF EXISTS "${r.auth}", "${r.anon}", "${r.user}"`);
  });

  it('says what each request role gains and loses, anon gains first', () => {
    const review = reviewModels(from, to, { schemas: ['api'], anonRole: r.anon, authenticator: r.auth });
    expect(review.authenticator).toEqual({ before: r.auth, after: r.auth });
    expect(review.items.map((i) => i.sentence)).toEqual([
      `${r.anon} gains EXECUTE on api.signup(email text) (POST /rpc/signup)`,
      `${r.anon} gains SELECT on api.members (GET /members)`,
      `${r.anon} gains SELECT on column cost_cents of api.products (GET /products)`,
      `${r.user} gains policy see_open on api.orders (FOR SELECT, permissive)`,
      `policy own on api.orders changes for ${r.user} (USING)`,
      `${r.anon} may no longer call api.price(p integer) with GET (/rpc/price)`,
      `${r.user} loses INSERT on api.orders (POST /orders)`,
    ]);
    // The review is what the contract says it is.
    const anon = review.roles.find((x) => x.role === r.anon)!;
    expect(anon).toMatchObject({ as: 'anon', before: true, after: true });
    expect(anon.items[0]).toMatchObject({ kind: 'rpc', write: true, rank: 0, methods: ['POST'] });
  });

  it('reverses: what the target gives, the source takes away', () => {
    const review = reviewModels(to, from, { schemas: ['api'], anonRole: r.anon, authenticator: r.auth });
    const sentences = review.items.map((i) => i.sentence);
    expect(sentences.slice(0, 2)).toEqual([
      `${r.anon} may now call api.price(p integer) with GET (/rpc/price)`,
      `${r.user} gains INSERT on api.orders (POST /orders)`,
    ]);
    expect(sentences).toContain(`${r.anon} loses SELECT on api.members (GET /members)`);
    expect(sentences).toContain(`${r.anon} loses EXECUTE on api.signup(email text) (POST /rpc/signup)`);
    expect(review.items.every((i, n) => n === 0 || review.items[n - 1]!.rank <= i.rank)).toBe(true);
  });

  it('has nothing to say about a database compared with itself', () => {
    expect(
      reviewModels(from, from, { schemas: ['api'], anonRole: r.anon, authenticator: r.auth }).items,
    ).toEqual([]);
  });
});
