import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixSchema } from '../../shared/contract/rls.js';
import { checksumTables, createRlsFixture, type RlsFixture } from '../../core/rls/testing/fixture-db.js';
import { newestServerOnly } from '../../test/pg.js';
import { runBin } from '../../test/run-bin.js';

describe.each(newestServerOnly())('gatehouse matrix ($label)', (server) => {
  let fx: RlsFixture;
  let dir: string;
  let conf: string;
  let personas: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const env = { PGSSLMODE: 'disable', GATEHOUSE_DATA_DIR: '' };
  const run = (args: string[]) =>
    runBin(['matrix', ...args], { env: { ...env, GATEHOUSE_DATA_DIR: join(dir, 'data') } });

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dir = mkdtempSync(join(tmpdir(), 'gh-cli-matrix-'));
    conf = fx.writeConfig(dir);
    personas = file(
      'personas.json',
      JSON.stringify([
        { name: 'alice', claims: { role: fx.role('user'), sub: 'u-alice' } },
        { name: 'anonymous', claims: null },
      ]),
    );
  });
  afterAll(async () => {
    await fx?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as the chosen PostgREST major, and names an unknown one', async () => {
    const args = ['--db', fx.db.uri, '--config', conf, '--personas', personas, '--json'];
    const v12 = await run([...args, '--postgrest-version', '12']);
    expect(v12.stderr).toBe('');
    expect(v12.status).toBe(0);
    const cell = matrixSchema
      .parse(JSON.parse(v12.stdout))
      .cells.find((c) => c.persona === 'alice' && c.relation === 'api.notes' && c.command === 'select');
    expect(cell).toMatchObject({ allowed: true, rows: 2 });
    const unknown = await run([...args, '--postgrest-version', '11']);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown PostgREST version "11"');
  });

  it('--json prints every cell in the documented shape; --expect of it passes, a changed verdict fails', async () => {
    const r = await run(['--db', fx.db.uri, '--config', conf, '--personas', personas, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = matrixSchema.strict().parse(JSON.parse(r.stdout));
    for (const c of out.cells)
      expect(Object.keys(c).sort()).toEqual(
        c.rows === undefined
          ? ['allowed', 'command', 'persona', 'reason', 'relation']
          : ['allowed', 'command', 'persona', 'reason', 'relation', 'rows'],
      );
    expect(
      out.cells.find((c) => c.persona === 'alice' && c.relation === 'api.notes' && c.command === 'select'),
    ).toMatchObject({ allowed: true, rows: 2 });

    const expected = file('expected.json', r.stdout);
    const same = await run([
      '--db',
      fx.db.uri,
      '--config',
      conf,
      '--personas',
      personas,
      '--expect',
      expected,
    ]);
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/matches/);

    const changed = {
      cells: out.cells.map((c) =>
        c.persona === 'anonymous' && c.relation === 'api.notes' && c.command === 'select'
          ? { ...c, rows: 3 }
          : c,
      ),
    };
    const stale = file('stale.json', JSON.stringify(changed));
    const diff = await run(['--db', fx.db.uri, '--config', conf, '--personas', personas, '--expect', stale]);
    expect(diff.status).toBe(1);
    expect(diff.stdout).toContain(
      'anonymous api.notes select: expected allowed (3 rows), got allowed (0 rows)',
    );
    expect(diff.stdout.split('\n').filter((l) => l.includes(': expected'))).toHaveLength(1);
  });

  it('the text form never changes data', async () => {
    const client = await fx.connect();
    try {
      const before = await checksumTables(client);
      const r = await run(['--db', fx.db.uri, '--config', conf, '--personas', personas]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^alice:/);
      expect(r.stdout).toMatch(/api\.notes\s+select allowed \(2 rows\)/);
      expect(await checksumTables(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });

  it('refuses bad personas, bad expectations and unreachable databases with exit 1, usage errors with 2', async () => {
    const ghost = file('ghost.json', JSON.stringify([{ name: 'ghost', claims: { role: 'no_such_role_q' } }]));
    const g = await run(['--db', fx.db.uri, '--config', conf, '--personas', ghost]);
    expect(g.status).toBe(1);
    expect(g.stderr).toContain('the role "no_such_role_q" does not exist');

    const notJson = file('bad.json', '[{"name": "x", "claims": {role: 1}}]');
    const b = await run(['--db', fx.db.uri, '--config', conf, '--personas', notJson]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/is not JSON/);

    const claimsText = file('claims-text.json', '[{"name": "x", "claims": "role=web"}]');
    const t = await run(['--db', fx.db.uri, '--config', conf, '--personas', claimsText]);
    expect(t.status).toBe(1);
    expect(t.stderr).toMatch(/persona 1 is invalid at claims/);

    const badExpect = file('bad-expect.json', '{"rows": []}');
    const e = await run(['--db', fx.db.uri, '--config', conf, '--personas', personas, '--expect', badExpect]);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/is not a matrix/);

    const down = await run([
      '--db',
      'postgresql://nobody@127.0.0.1:1/x',
      '--config',
      conf,
      '--personas',
      personas,
    ]);
    expect(down.status).toBe(1);

    const usage = await run(['--db', fx.db.uri, '--config', conf]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--personas is required/);
  });
});
