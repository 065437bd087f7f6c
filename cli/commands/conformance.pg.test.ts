import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { superuserQuery, uniqueSuffix, newestServerOnly } from '../../test/pg.js';
import { actAsTestSchema } from '../../core/act-as/test-schema.js';
import { conformanceCommand } from './conformance.js';

/** The runner on its own small fixture (unique roles), so it never collides with the corpus test's cf_* roles. */
describe.each(newestServerOnly())('gatehouse conformance on $label', (server) => {
  const s = actAsTestSchema(uniqueSuffix());
  const dir = mkdtempSync(join(tmpdir(), 'gh-conformance-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const fixture = file('fixture.sql', s.dropRolesSql + s.rolesSql + s.schemaSql);
  const conf = file('postgrest.conf', s.conf('localhost', '5432', 'postgres'));
  const cases = [
    {
      id: 'read.items',
      request: { method: 'GET', path: '/items?select=id&order=id&limit=2', headers: {} },
      claims: null,
      expect: { status: 200, headers: { 'content-range': '0-1/*' }, body: [{ id: 1 }, { id: 2 }] },
    },
    {
      id: 'write.insert',
      request: {
        method: 'POST',
        path: '/items',
        headers: { Prefer: 'return=representation' },
        body: { id: 9, name: 'n' },
      },
      claims: { role: s.user, exp: '$now+60' },
      expect: { status: 201, body: [{ id: 9, name: 'n', owner: null }] },
      followUp: {
        request: { method: 'GET', path: '/items?select=id&id=eq.9', headers: {} },
        claims: null,
        expect: { status: 200, body: [{ id: 9 }] },
      },
    },
    {
      id: 'read.after-write-is-reset',
      request: { method: 'GET', path: '/items?select=id&id=eq.9', headers: {} },
      claims: null,
      expect: { status: 200, body: [] },
    },
    {
      id: 'broken.expectation',
      request: { method: 'GET', path: '/items?id=eq.1&select=name', headers: {} },
      claims: null,
      expect: { status: 200, body: [{ name: 'uno' }] },
    },
  ];
  const casesFile = file('cases.json', JSON.stringify(cases));

  afterAll(async () => {
    await superuserQuery(server, s.dropRolesSql);
  });

  it('runs the cases, prints FAIL lines and the summary, exits 1 on a failure', async () => {
    let out = '';
    const code = await conformanceCommand.run(
      [casesFile, '--fixture', fixture, '--config', conf, '--db', server.superuserUri],
      { stdout: (t) => (out += t), stderr: () => undefined, env: {} },
    );
    expect(out).toContain('FAIL broken.expectation: body [{"name":"one"}], expected [{"name":"uno"}]');
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('--filter selects cases by id prefix; a bad cases file names the file', async () => {
    let out = '';
    const code = await conformanceCommand.run(
      [casesFile, '--fixture', fixture, '--config', conf, '--db', server.superuserUri, '--filter', 'read.'],
      { stdout: (t) => (out += t), stderr: () => undefined, env: {} },
    );
    expect(out.trim()).toBe('2 passed, 0 failed');
    expect(code).toBe(0);
    const bad = file('bad.json', '[{"id":"x"}]');
    await expect(
      conformanceCommand.run([bad, '--fixture', fixture, '--config', conf], {
        stdout: () => undefined,
        stderr: () => undefined,
        env: {},
      }),
    ).rejects.toThrow(/bad\.json: case x: 0\.request/);
  });
});
