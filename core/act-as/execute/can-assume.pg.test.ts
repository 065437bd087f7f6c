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
import { ActAsPool } from './pools.js';

// The act-as SET ROLE check, from the server and from the catalog model: the two must agree, and both follow
// SET ROLE's rule (on 16+ a grant WITH SET FALSE makes a member that cannot switch), not plain membership.
describe.each(pgServers())('ActAsPool.canAssume ($label)', (server) => {
  const sfx = uniqueSuffix();
  const [login, settable, noSet, chained, stranger] = [
    'login',
    'settable',
    'noset',
    'chained',
    'stranger',
  ].map((r) => `gh_ca_${r}_${sfx}`);
  let db: TempDatabase;
  let pool: ActAsPool;
  let model: Catalog;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_ca');
    const noSetGrant = server.major >= 16 ? 'WITH SET FALSE' : '';
    await superuserQuery(
      server,
      `CREATE ROLE "${login}" LOGIN NOINHERIT PASSWORD 'pw'; CREATE ROLE "${settable}"; CREATE ROLE "${noSet}";
       CREATE ROLE "${chained}"; CREATE ROLE "${stranger}";
       GRANT "${settable}" TO "${login}"; GRANT "${noSet}" TO "${login}" ${noSetGrant};
       GRANT "${chained}" TO "${settable}";`,
    );
    const u = new URL(db.uri);
    u.username = login!;
    u.password = 'pw';
    pool = new ActAsPool(u.toString(), { connectionString: u.toString() });
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    try {
      model = await readCatalog(client);
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    await superuserQuery(
      server,
      [login, settable, noSet, chained, stranger].map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'),
    );
  });

  it.each([
    ['a granted role', () => settable!, true],
    ['a role granted to a granted role', () => chained!, true],
    ['a role granted WITH SET FALSE (16+; before, any member may switch)', () => noSet!, server.major < 16],
    ['a role it is not a member of', () => stranger!, false],
    ['a role that does not exist (PostgreSQL reports it)', () => `gh_ca_missing_${sfx}`, true],
  ])('%s', async (_what, role, expected) => {
    expect(await pool.canAssume(role())).toBe(expected);
    expect(await pool.canAssume(role(), model)).toBe(expected);
  });
});
