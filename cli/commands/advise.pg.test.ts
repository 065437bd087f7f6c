import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisorReportSchema, reachMapSchema } from '../../shared/contract/advisor.js';
import {
  createTempDatabase,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
  newestServerOnly,
} from '../../test/pg.js';
import { cleanSql, configText, fill, fixtureRoles, rolesSql } from '../../core/advisor/testing/fixtures.js';
import { runCli } from '../run-cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe.each(newestServerOnly())('gatehouse advise / reach ($label)', (server) => {
  let db: TempDatabase;
  const roles = fixtureRoles(uniqueSuffix());
  const dir = mkdtempSync(join(tmpdir(), 'gh-advise-'));
  const conf = join(dir, 'postgrest.conf');

  const cli = async (...args: string[]) => {
    const c = capture();
    const status = await runCli(args, c.io);
    return { status, out: c.out(), err: c.err() };
  };

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_adv_cli');
    await superuserQuery(server, fill(rolesSql, roles), db.name);
    await superuserQuery(server, fill(cleanSql(server.major), roles), db.name);
    writeFileSync(conf, configText(roles, db.name));
  });

  afterAll(async () => {
    await db?.drop();
    await superuserQuery(
      server,
      `DROP ROLE IF EXISTS "${roles.owner}", "${roles.auth}", "${roles.anon}", "${roles.user}"`,
    );
  });

  it('passes a clean database at --fail-on warning, naming the objects of what it notes', async () => {
    const r = await cli('advise', '--db', db.uri, '--config', conf, '--fail-on', 'warning');
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^info +public_read_policy +policy posts_read on api\.posts lets \S+ read every row$/m,
    );
    expect(r.out).toContain('0 error(s), 0 warning(s), 1 info');
  });

  it('exits 1 while a finding at the level remains, and prints its object and fix', async () => {
    await superuserQuery(
      server,
      fill(
        'CREATE TABLE api.notes (id int PRIMARY KEY, body text); GRANT SELECT ON api.notes TO {anon};',
        roles,
      ),
      db.name,
    );
    const r = await cli('advise', '--db', db.uri, '--config', conf);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^error +table_without_rls +api\.notes has no row-level security/m);
    expect(r.out).toContain('fix: ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;');
    expect(r.err).toContain('1 finding(s) at --fail-on error or worse remain');
    const json = await cli('advise', '--db', db.uri, '--config', conf, '--json');
    expect(json.status).toBe(1);
    const report = advisorReportSchema.parse(JSON.parse(json.out));
    expect(report.findings.map((f) => f.key)).toContain('table_without_rls:api.notes');
  });

  it('stops counting a finding once acknowledged in gatehouse-advisor.json beside the config', async () => {
    const json = advisorReportSchema.parse(
      JSON.parse((await cli('advise', '--db', db.uri, '--config', conf, '--json')).out),
    );
    const f = json.findings.find((x) => x.key === 'table_without_rls:api.notes')!;
    writeFileSync(
      join(dir, 'gatehouse-advisor.json'),
      JSON.stringify({
        acknowledgements: [
          { finding: f.id, object: f.object, fingerprint: f.fingerprint, reason: 'public notes' },
        ],
      }),
    );
    const r = await cli('advise', '--db', db.uri, '--config', conf);
    expect(r.status).toBe(0);
    expect(r.out).toContain('[acknowledged: public notes]');
  });

  it('names the line of an acknowledgements file that does not parse (exit 1)', async () => {
    const bad = join(dir, 'bad-ack.json');
    writeFileSync(bad, '{\n  "acknowledgements": [\n    { "finding": "x" ]\n}\n');
    const r = await cli('advise', '--db', db.uri, '--config', conf, '--ack', bad);
    expect(r.status).toBe(1);
    expect(r.err.split('\n')[0]).toMatch(
      /error GH402: .*bad-ack\.json:3: the acknowledgements file is not valid JSON/,
    );
  });

  it('says what it assumed without a usable postgrest.conf, and still runs', async () => {
    const r = await cli('advise', '--db', db.uri, '--config', join(dir, 'missing.conf'), '--fail-on', 'info');
    expect(r.out).toMatch(/^assumed: .*missing\.conf does not exist: PostgREST's defaults/m);
    expect(r.out).toMatch(/assumed: db-uri names no user/);
    expect([0, 1]).toContain(r.status);
  });

  it('maps what one role reaches, and refuses an unknown --role with exit 1', async () => {
    const r = await cli('reach', '--db', db.uri, '--config', conf, '--role', roles.anon);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/\/posts +GET +RLS filters rows/);
    expect(r.out).toMatch(/\/notes +GET +every row/);
    const json = await cli('reach', '--db', db.uri, '--config', conf, '--json');
    expect(reachMapSchema.parse(JSON.parse(json.out)).roles.map((x) => x.role)).toEqual([
      roles.anon,
      roles.user,
    ]);
    const unknown = await cli('reach', '--db', db.uri, '--config', conf, '--role', 'nobody');
    expect(unknown.status).toBe(1);
    expect(unknown.err).toContain('error GH403: "nobody" is not a role requests run as');
    expect(unknown.err).toContain(roles.anon);
  });

  it('exits 2 on wrong usage', async () => {
    expect((await cli('advise', '--db', db.uri, '--fail-on', 'sometimes')).status).toBe(2);
    expect((await cli('advise', '--config', conf)).status).toBe(2);
    expect((await cli('reach', '--bogus')).status).toBe(2);
  });
});
