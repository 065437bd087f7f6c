import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superuserQuery, uniqueSuffix, type TempDatabase, newestServerOnly } from '../../test/pg.js';
import { createActAsTestDatabase } from '../../test/act-as-db.js';
import { actAsTestSchema } from '../../core/act-as/test-schema.js';
import { requestCommand } from './request.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await requestCommand.run(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {},
  });
  return { code, out, err };
}

describe.each(newestServerOnly())('gatehouse request on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  let db: TempDatabase;
  let conf: string;
  let confNoPassword: string;

  beforeAll(async () => {
    db = await createActAsTestDatabase(server, s);
    const u = new URL(server.superuserUri);
    const dir = mkdtempSync(join(tmpdir(), 'gh-request-'));
    conf = join(dir, 'postgrest.conf');
    writeFileSync(conf, s.conf(u.hostname, u.port, db.name));
    confNoPassword = join(dir, 'nopw.conf');
    writeFileSync(confNoPassword, s.conf(u.hostname, u.port, db.name, false));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('prints the status line, headers and body of a read as anon', async () => {
    const r = await run([
      'GET /items?select=id,name&id=lte.2&order=id',
      '--db',
      db.uri,
      '--config',
      conf,
      '--anon',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(r.out).toContain('Content-Range: 0-1/*');
    expect(r.out).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(r.out.split('\n\n')[1] ?? '')).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ]);
  });

  it('applies claims (role, sub) and the role settings', async () => {
    const r = await run([
      'GET /rpc/me',
      '--db',
      db.uri,
      '--config',
      conf,
      '--claims',
      `{"role":"${s.user}","sub":"u1"}`,
    ]);
    expect(JSON.parse(r.out.split('\n\n')[1] ?? '')).toEqual({ role: s.user, sub: 'u1', timeout: '7s' });
  });

  it('rolls writes back unless --commit, and --sql shows what ran', async () => {
    const claims = `{"role":"${s.user}"}`;
    const body = '{"id":10,"name":"ten"}';
    const r = await run([
      'POST /items',
      '--db',
      db.uri,
      '--config',
      conf,
      '--claims',
      claims,
      '--data',
      body,
      '--sql',
    ]);
    expect(r.out).toMatch(/^BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;/m);
    expect(r.out).toMatch(/^ROLLBACK;/m);
    expect(r.out).toContain('HTTP/1.1 201 Created');
    const count = async () =>
      (await superuserQuery(server, 'SELECT count(*)::int AS n FROM api.items', db.name)).rows[0].n as number;
    expect(await count()).toBe(3);
    const c = await run([
      'POST /items',
      '--db',
      db.uri,
      '--config',
      conf,
      '--claims',
      claims,
      '--data',
      body,
      '--commit',
    ]);
    expect(c.out).toContain('HTTP/1.1 201 Created');
    expect(await count()).toBe(4);
  });

  it('answers PostgREST errors: 401 for anon writes, 404 for unknown tables', async () => {
    const a = await run(['DELETE /items?id=eq.1', '--db', db.uri, '--config', conf, '--anon']);
    expect(a.out).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
    expect(a.out).toContain('WWW-Authenticate: Bearer');
    expect(a.out).toContain('"code":"42501"');
    const b = await run(['GET /nope', '--db', db.uri, '--config', conf, '--anon']);
    expect(b.out).toContain('"code":"PGRST205"');
  });

  it('without the authenticator password it switches role from the developer login, or says which GRANT is missing', async () => {
    const ok = await run([
      'GET /rpc/me',
      '--db',
      db.uri,
      '--config',
      confNoPassword,
      '--claims',
      `{"role":"${s.user}"}`,
    ]);
    expect(JSON.parse(ok.out.split('\n\n')[1] ?? '')).toMatchObject({ role: s.user });
    const dev = `gh_dev_${uniqueSuffix()}`;
    await superuserQuery(server, `CREATE ROLE ${dev} LOGIN PASSWORD 'pw'`);
    try {
      const u = new URL(db.uri);
      u.username = dev;
      u.password = 'pw';
      const r = await run(['GET /items', '--db', u.toString(), '--config', confNoPassword, '--anon']);
      expect(r.out).toContain('"code":"GH500"');
      expect(r.out).toContain(`GRANT \\"${s.anon}\\" TO \\"${dev}\\"`);
    } finally {
      await superuserQuery(server, `DROP ROLE ${dev}`);
    }
  });

  it("hoists a called function's statement_timeout and isolation level, like PostgREST", async () => {
    const r = await run(['GET /rpc/hoisted', '--db', db.uri, '--config', conf, '--anon', '--sql']);
    expect(r.out).toContain('-- function setting statement_timeout = 3s');
    expect(r.out).not.toContain('work_mem');
    expect(r.out).toContain('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;');
    expect(r.out).toContain('HTTP/1.1 200 OK');
  });

  it('server-timing-enabled and server-trace-header add their headers', async () => {
    const timed = join(mkdtempSync(join(tmpdir(), 'gh-request-')), 'timed.conf');
    writeFileSync(
      timed,
      readFileSync(conf, 'utf8') + '\nserver-timing-enabled = true\nserver-trace-header = "X-Request-Id"\n',
    );
    const r = await run([
      'GET /items?limit=1',
      '--db',
      db.uri,
      '--config',
      timed,
      '--anon',
      '-H',
      'X-Request-Id: abc',
    ]);
    expect(r.out).toMatch(
      /^Server-Timing: jwt;dur=\d+\.\d, parse;dur=[\d.]+, plan;dur=[\d.]+, transaction;dur=[\d.]+, response;dur=[\d.]+$/m,
    );
    expect(r.out).toMatch(/^X-Request-Id: abc$/m);
    const e = await run(['GET /nope', '--db', db.uri, '--config', timed, '--anon']);
    expect(e.out).toMatch(/^X-Request-Id: $/m);
    expect(e.out).not.toContain('Server-Timing');
  });

  it('refuses a missing persona', async () => {
    await expect(run(['GET /items', '--db', db.uri, '--config', conf])).rejects.toThrow(
      /--jwt, --claims or --anon/,
    );
  });
  it('answers as the --postgrest-version chosen: a two-part token as 12 and as 16 word it', async () => {
    const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGFuIG9iamVjdA';
    const as = async (v: string) => {
      const r = await run([
        'GET /items',
        '--db',
        db.uri,
        '--config',
        conf,
        '--jwt',
        token,
        '--postgrest-version',
        v,
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^HTTP\/1\.1 401 Unauthorized\n/);
      return JSON.parse(r.out.split('\n\n')[1] ?? '') as { code: string; message: string };
    };
    expect(await as('12')).toMatchObject({
      code: 'PGRST301',
      message: 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)',
    });
    expect(await as('16')).toMatchObject({ code: 'PGRST301', message: 'Expected 3 parts in JWT; got 2' });
  });
});
