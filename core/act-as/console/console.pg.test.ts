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

  it('cancels a long query running as a persona', async () => {
    const { id } = (await call('connections.open', { params: params() })) as { id: string };
    const running = dispatch(handlers, context, 'actAs.sql', {
      connectionId: id,
      sql: 'select pg_sleep(30)',
      persona: { type: 'claims', claims: { role } },
    });
    let cancelled = 0;
    const started = Date.now();
    while (cancelled === 0 && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      cancelled = (await call('actAsConsole.cancel', { connectionId: id })).cancelled as number;
    }
    expect(cancelled).toBe(1);
    const r = await running;
    expect(r.ok && (r.value as { error: { code: string } | null }).error?.code).toBe('57014');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
