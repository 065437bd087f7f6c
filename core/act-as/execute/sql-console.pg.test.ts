import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgServers, superuserQuery, uniqueSuffix, type TempDatabase } from '../../../test/pg.js';
import { createActAsTestDatabase } from '../../../test/act-as-db.js';
import { loadPostgrestConfig } from '../config/index.js';
import { defaultStages } from '../default-stages.js';
import { runSqlAsPersona } from '../simulator.js';
import { actAsTestSchema } from '../test-schema.js';
import { PoolRegistry } from './pools.js';

describe.each(pgServers())('SQL as persona runs the pre-request function ($label)', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  const pools = new PoolRegistry();
  const config = () => {
    const u = new URL(server.superuserUri);
    return loadPostgrestConfig({
      text: `${s.conf(u.hostname, u.port, db.name)}\ndb-pre-request = "api.pre"`,
      file: 'postgrest.conf',
      env: {},
    });
  };
  const run = (sql: string, claims: Record<string, string>) =>
    runSqlAsPersona({
      sql,
      persona: { type: 'claims', claims: { role: s.user, ...claims } },
      config: config(),
      connection: { developerUri: db.uri },
      commit: false,
      stages: defaultStages,
      pools,
    });

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
    // Sets a GUC the developer's SQL reads, and refuses a claim, as a real pre-request would.
    await superuserQuery(
      server,
      `CREATE FUNCTION api.pre() RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         IF current_setting('request.jwt.claims', true)::json->>'blocked' = 'yes' THEN
           RAISE EXCEPTION 'blocked by pre-request' USING ERRCODE = 'PT403';
         END IF;
         PERFORM set_config('app.pre_ran', 'for ' || current_user, true);
       END $$;`,
      db.name,
    );
  });
  afterAll(async () => {
    await pools.closeAll();
    await db?.drop();
  });

  it('sees the GUC the pre-request set, and shows the pre-request in the context', async () => {
    const r = await run(`select current_setting('app.pre_ran', true) as pre`, {});
    expect(r.result.ok && r.result.value[0]?.rows).toEqual([[`for ${s.user}`]]);
    expect(r.context?.preRequest).toEqual({ schema: 'api', name: 'pre' });
    expect(r.sql.map((x) => x.sql)).toContain('select "api"."pre"()');
  });

  it('fails as the request would when the pre-request raises', async () => {
    const r = await run('select 1', { blocked: 'yes' });
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) {
      expect(r.result.error.status).toBe(403);
      expect(r.result.error.message).toBe('blocked by pre-request');
    }
    expect(r.sql.map((x) => x.sql)).not.toContain('select 1');
  });
});
