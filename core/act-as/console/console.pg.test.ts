import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { createStudioContext, type StudioContext } from '../../app/context.js';
import { dispatch } from '../../app/dispatch.js';
import { handlers } from '../../app/handlers.js';
import { fakeEnvironment } from '../../connections/test-environment.js';

describe.each(pgServers())('act-as console ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  const role = `gh_console_user_${uniqueSuffix()}`;
  const url = new URL(server.superuserUri);
  const params = () => ({
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: db.name,
    sslmode: 'disable' as const,
  });
  const call = async (name: Parameters<typeof dispatch>[2], input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_console');
    await superuserQuery(server, `CREATE ROLE "${role}" NOLOGIN`);
    await superuserQuery(
      server,
      `CREATE TABLE public.docs (id int, tenant text);
       ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;
       CREATE POLICY by_tenant ON public.docs USING (tenant = current_setting('request.jwt.claims', true)::json ->> 'tenant');
       GRANT SELECT ON public.docs TO "${role}";`,
      db.name,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'gh-console-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
  });
  afterAll(async () => {
    await context?.connections.closeAll();
    await db.drop();
    await superuserQuery(server, `DROP ROLE IF EXISTS "${role}"`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps personas per database, across openings of the connection', async () => {
    const first = (await call('connections.open', { params: params() })) as { id: string };
    const alice = {
      id: 'p1',
      name: 'alice',
      kind: 'claims',
      claims: `{"role": "${role}", "tenant": "a"}`,
      token: '',
    };
    await call('actAsConsole.personas.save', { connectionId: first.id, personas: [alice] });
    const second = (await call('connections.open', { params: params() })) as { id: string };
    expect(second.id).not.toBe(first.id);
    expect(await call('actAsConsole.personas.list', { connectionId: second.id })).toEqual({
      personas: [alice],
    });
    await call('connections.close', { id: second.id });
  });

  it('discovers the claims policies read', async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    expect(await call('actAsConsole.claims', { connectionId: id })).toEqual({
      claims: [{ name: 'tenant', usedBy: ['policy by_tenant on public.docs'] }],
    });
  });

  it("cancels only the persona's own run: of two concurrent long queries, the other finishes", async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    const other = `gh_console_other_${uniqueSuffix()}`;
    await superuserQuery(server, `CREATE ROLE "${other}" NOLOGIN`);
    try {
      const sleep = (runId: string, as: string) =>
        dispatch(handlers, context, 'actAs.sql', {
          connectionId: id,
          sql: `select pg_sleep(3), current_user::text as who`,
          persona: { type: 'claims', claims: { role: as } },
          runId,
        });
      const started = Date.now();
      const first = sleep('run-a', role);
      const second = sleep('run-b', other);
      let cancelled = 0;
      while (cancelled === 0 && Date.now() - started < 2_500) {
        await new Promise((r) => setTimeout(r, 100));
        cancelled = (await call('actAsConsole.cancel', { connectionId: id, runId: 'run-a' }))
          .cancelled as number;
      }
      expect(cancelled).toBe(1);
      const a = await first;
      expect(a.ok && (a.value as { error: { code: string } | null }).error?.code).toBe('57014');
      expect(Date.now() - started).toBeLessThan(2_900);
      const b = await second;
      expect(b.ok && (b.value as { error: unknown }).error).toBeNull();
      expect(b.ok && (b.value as { results: { rows: unknown[][] }[] }).results[0]?.rows).toEqual([
        ['', other],
      ]);
      // Once a run is over, its id cancels nothing.
      expect(await call('actAsConsole.cancel', { connectionId: id, runId: 'run-b' })).toEqual({
        cancelled: 0,
        refused: 0,
      });
    } finally {
      await superuserQuery(server, `DROP ROLE IF EXISTS "${other}"`);
    }
  });

  it("EXPLAINs the request's statement with its bound parameters, in the request's session (pre-request included)", async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    await superuserQuery(
      server,
      `CREATE TABLE public.notes (id int, tenant text);
       INSERT INTO public.notes VALUES (7, 'a'), (7, 'b'), (7, 'a'), (8, 'a');
       ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
       CREATE POLICY by_pre ON public.notes USING (tenant = current_setting('app.pre_tenant', true));
       GRANT SELECT ON public.notes TO "${role}";
       CREATE FUNCTION public.pre() RETURNS void LANGUAGE sql AS
         $$ SELECT set_config('app.pre_tenant', current_setting('request.jwt.claims', true)::json->>'tenant', true) $$;`,
      db.name,
    );
    await call('actAs.config.set', {
      connectionId: id,
      text: `db-schemas = "public"\ndb-anon-role = "${role}"\ndb-pre-request = "public.pre"`,
    });
    const persona = { type: 'claims', claims: { role, tenant: 'a' } };
    const req = await call('actAs.request', {
      connectionId: id,
      method: 'GET',
      path: '/notes?id=eq.7',
      persona,
    });
    expect(JSON.parse((req.response as { body: string }).body)).toEqual([
      { id: 7, tenant: 'a' },
      { id: 7, tenant: 'a' },
    ]);
    const trace = req.sql as { sql: string; params: (string | null)[] }[];
    const main = trace.find((t) => t.params.includes('7'));
    expect(main).toBeDefined();
    const r = await call('actAsConsole.explain', {
      connectionId: id,
      persona,
      statement: { sql: main!.sql, params: main!.params },
      context: req.context,
      analyze: true,
    });
    expect(r.error).toBeNull();
    // The JSON plan: a tree whose conditions hold the bound value.
    expect((r.plan as { Plan?: unknown }[])[0]?.Plan).toBeDefined();
    const plan = JSON.stringify(r.plan);
    // The parameter was bound (custom plan shows its value), not written into the text.
    const ran = (r.sql as { sql: string; params: (string | null)[] }[]).find((t) =>
      t.sql.startsWith('EXPLAIN'),
    );
    expect(ran?.params).toEqual(main!.params);
    expect(ran?.sql).toContain('$');
    expect(plan).toMatch(/id = 7\b/);
    // Same session: the pre-request set the tenant the policy reads, so 2 of the 4 rows are visible.
    type PlanNode = {
      'Node Type'?: string;
      'Relation Name'?: string;
      'Actual Rows'?: number;
      Plans?: PlanNode[];
    };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const scan = nodes((r.plan as { Plan: PlanNode }[])[0]!.Plan).find(
      (n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'notes',
    );
    expect(scan?.['Actual Rows']).toBe(2);
    expect((r.context as { preRequest: unknown; method: string; readOnly: boolean }).preRequest).toEqual({
      schema: 'public',
      name: 'pre',
    });
    expect((r.context as { method: string }).method).toBe('GET');
    expect((r.context as { readOnly: boolean }).readOnly).toBe(true);
    const sqls = (r.sql as { sql: string }[]).map((t) => t.sql);
    expect(sqls).toContain('select "public"."pre"()');
    expect(sqls.at(-1)).toBe('ROLLBACK');
  });

  it('lists every embed PostgREST accepts: FK both ways, many-to-many, computed, through views', async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    await superuserQuery(
      server,
      `CREATE SCHEMA shop;
       CREATE TABLE shop.films (id int PRIMARY KEY, title text);
       CREATE TABLE shop.actors (id int PRIMARY KEY, name text);
       CREATE TABLE shop.roles (film_id int REFERENCES shop.films, actor_id int REFERENCES shop.actors,
                                PRIMARY KEY (film_id, actor_id));
       CREATE TABLE shop.reviews (id int PRIMARY KEY, film_id int CONSTRAINT reviews_film REFERENCES shop.films);
       CREATE VIEW shop.film_view AS SELECT id, title FROM shop.films;
       CREATE FUNCTION shop.first_review(shop.films) RETURNS SETOF shop.reviews ROWS 1 LANGUAGE sql STABLE
         AS $$ SELECT * FROM shop.reviews WHERE film_id = $1.id LIMIT 1 $$;`,
      db.name,
    );
    await call('actAs.config.set', {
      connectionId: id,
      text: `db-schemas = "shop"\ndb-anon-role = "${role}"`,
    });
    const r = (await call('actAsConsole.embeddables', { connectionId: id })) as {
      schemas: string[];
      embeddables: {
        from: { name: string };
        name: string;
        cardinality: string;
        toOne: boolean;
        hints: string[];
      }[];
    };
    expect(r.schemas).toEqual(['shop']);
    const from = (name: string) =>
      r.embeddables
        .filter((e) => e.from.name === name)
        .map((e) => `${e.name}:${e.cardinality}`)
        .sort();
    expect(from('films')).toEqual(
      ['actors:many-to-many', 'first_review:computed', 'reviews:one-to-many', 'roles:one-to-many'].sort(),
    );
    // Through the view: the view embeds what its base table does.
    expect(from('film_view')).toEqual(expect.arrayContaining(['reviews:one-to-many', 'actors:many-to-many']));
    expect(from('reviews')).toEqual(expect.arrayContaining(['films:many-to-one', 'film_view:many-to-one']));
    const m2m = r.embeddables.find((e) => e.from.name === 'films' && e.name === 'actors');
    expect(m2m?.hints).toContain('roles');
    const m2o = r.embeddables.find((e) => e.from.name === 'reviews' && e.name === 'films');
    expect(m2o).toMatchObject({ toOne: true, hints: ['reviews_film', 'film_id'] });
  });

  it('cancels a request run (not only SQL) by its run id', async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    await superuserQuery(
      server,
      `CREATE SCHEMA naps;
       CREATE FUNCTION naps.nap() RETURNS int LANGUAGE sql AS $$ SELECT 1 FROM pg_sleep(20) $$;
       GRANT USAGE ON SCHEMA naps TO "${role}";`,
      db.name,
    );
    await call('actAs.config.set', {
      connectionId: id,
      text: `db-schemas = "naps"\ndb-anon-role = "${role}"`,
    });
    const started = Date.now();
    const running = call('actAs.request', {
      connectionId: id,
      method: 'POST',
      path: '/rpc/nap',
      body: '{}',
      headers: [['Content-Type', 'application/json']],
      persona: { type: 'claims', claims: { role } },
      runId: 'request-run',
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await call('actAsConsole.cancel', { connectionId: id, runId: 'request-run' })).toEqual({
      cancelled: 1,
      refused: 0,
    });
    const r = (await running) as { response: { body: string } };
    expect(JSON.parse(r.response.body)).toMatchObject({ code: '57014' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
