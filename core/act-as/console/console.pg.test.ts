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
});
