import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAsTestSchema } from '../core/act-as/test-schema.js';
import { superuserQuery, uniqueSuffix, withDatabase, newestServerOnly } from '../test/pg.js';
import { runBin } from '../test/run-bin.js';

// Failures that need a real server, run through the bin entry as a CI job would.
describe.each(newestServerOnly())('gatehouse exit statuses against $label (child process)', (server) => {
  const suffix = uniqueSuffix();
  const login = `gh_cli_${suffix}`;
  const base = new URL(server.superuserUri);
  const as = (user: string, password?: string): string => {
    const u = new URL(withDatabase(server.superuserUri, 'postgres'));
    u.username = user;
    u.password = password ?? '';
    return u.toString();
  };
  beforeAll(async () => {
    await superuserQuery(server, `CREATE ROLE ${login} LOGIN PASSWORD 'right-one'`);
  });
  afterAll(async () => {
    await superuserQuery(server, `DROP ROLE IF EXISTS ${login}`);
  });

  it('a wrong password exits 1 with GH101', async () => {
    const r = await runBin(['catalog', '--db', as(login, 'wrong')]);
    expect(r.status).toBe(1);
    expect(r.firstErrorLine).toBe(
      `error GH101: The server at ${base.hostname}:${base.port} rejected user "${login}".`,
    );
  });

  it('no password where the server asks for one says so and how to give one', async () => {
    const r = await runBin(['catalog', '--db', as(login)], { env: { PGPASSFILE: '/nonexistent' } });
    expect(r.status).toBe(1);
    expect(r.firstErrorLine).toBe(
      `error GH110: No password supplied for user ${login}: the server at ${base.hostname}:${base.port} asks for one.`,
    );
    expect(r.stderr).toMatch(/PGPASSWORD.*~\/\.pgpass/);
  });

  it('a catalog read that works exits 0', async () => {
    const r = await runBin(['catalog', '--db', as(login, 'right-one')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('serve on a port in use exits 1 and says how to pick another', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runBin(['serve', '--db', as(login, 'right-one'), '--port', String(port)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error GH307: Port ${port} on 127.0.0.1 is already in use.`);
      expect(r.stderr).toContain('--port 0 picks a free one');
    } finally {
      busy.close();
    }
  });

  it('conformance exits 1 when a case fails and 0 when all pass', async () => {
    const s = actAsTestSchema(suffix);
    const dir = mkdtempSync(join(tmpdir(), 'gh-cli-conf-'));
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const fixture = file('fixture.sql', s.dropRolesSql + s.rolesSql + s.schemaSql);
    const conf = file('postgrest.conf', s.conf('localhost', '5432', 'postgres'));
    const read = {
      id: 'read.items',
      request: { method: 'GET', path: '/items?select=id&order=id&limit=1', headers: {} },
      claims: null,
      expect: { status: 200, body: [{ id: 1 }] },
    };
    const wrong = { ...read, id: 'read.wrong', expect: { status: 200, body: [{ id: 2 }] } };
    const args = (cases: string): string[] => [
      'conformance',
      cases,
      '--fixture',
      fixture,
      '--config',
      conf,
      '--db',
      server.superuserUri,
    ];
    try {
      const failing = await runBin(args(file('failing.json', JSON.stringify([read, wrong]))), {
        timeoutMs: 60_000,
      });
      expect(failing.stdout).toContain('1 passed, 1 failed');
      expect(failing.status).toBe(1);
      const passing = await runBin(args(file('passing.json', JSON.stringify([read]))), { timeoutMs: 60_000 });
      expect(passing.stdout).toContain('1 passed, 0 failed');
      expect(passing.status).toBe(0);
    } finally {
      await superuserQuery(server, s.dropRolesSql).catch(() => undefined);
    }
  }, 120_000);
});
