import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotText } from '../../core/diff/sources/snapshot.js';
import { readModel, runScript } from '../../core/ddl/testing/run.js';
import { freePort } from '../../core/embedded/free-port.js';
import { createTempDatabase, pgServers, type TempDatabase } from '../../test/pg.js';
import { runBin } from '../../test/run-bin.js';

// `gatehouse diff` and `gatehouse snapshot` as child processes (needs `npm run build:node`): what a user or CI sees.
const fixtures = resolve(import.meta.dirname, '../../core/diff/sources/fixtures');
const expectedSql = readFileSync(join(fixtures, 'expected.sql'), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'gh-diff-cli-'));
// The database is built by the superuser, so that is the one role of its own a snapshot must hold.
const ownRoles = ['postgres'];
const CLUSTER_KEYS = ['roles', 'memberships', 'roleSettings'];

type SnapshotFile = { model: Record<string, unknown> };
/** A snapshot's text without the cluster's roles (keys stay sorted: the model's key order is kept). */
function databasePart(text: string): string {
  const file = JSON.parse(text) as SnapshotFile;
  for (const key of CLUSTER_KEYS) delete file.model[key];
  return JSON.stringify(file, null, 1);
}
function roleNames(text: string): string[] {
  return ((JSON.parse(text) as SnapshotFile).model.roles as { name: string }[]).map((r) => r.name);
}

describe.each(pgServers())('gatehouse diff on $label', (server) => {
  let db: TempDatabase;
  const work = mkdtempSync(join(root, `${server.label}-`));
  const shadow = ['--shadow', server.superuserUri];
  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_cli_diff');
    await runScript(db.uri, expectedSql);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('prints nothing and exits 0 when the sides are equal', async () => {
    const r = await runBin(['diff', '--from', db.uri, '--to', join(fixtures, 'plain'), ...shadow], {
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('diffs two live databases, reading in full only what is not equal on both sides', async () => {
    const other = await createTempDatabase(server, 'gh_cli_diff_b');
    try {
      await runScript(other.uri, expectedSql);
      // Equal: nothing printed; every relation equal, so none read in full.
      const equal = await runBin(['diff', '--from', db.uri, '--to', other.uri, '--progress']);
      expect(equal.status).toBe(0);
      expect(equal.stdout).toBe('');
      expect(equal.stderr).toMatch(/\d+ relations? equal on both sides \(by fingerprint\), not read in full/);
      await runScript(other.uri, 'CREATE TABLE public.gh_cli_added (id int PRIMARY KEY)');
      const r = await runBin(['diff', '--from', db.uri, '--to', other.uri]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('CREATE TABLE public.gh_cli_added');
      // The same migration as from the two models read in full.
      const { diffModels } = await import('../../core/diff/engine/diff-models.js');
      const { renderMigration } = await import('../../core/diff/export/render-script.js');
      const full = diffModels(await readModel(db.uri), await readModel(other.uri), { objectSql: false });
      expect(r.stdout).toContain(renderMigration(full));
      // A text only PostgreSQL's parser can vouch for (a backslash in a string): the parser, left unloaded
      // by a plain diff, is loaded when the writer meets it, and the diff is written again.
      await runScript(other.uri, "ALTER TABLE public.gh_cli_added ADD COLUMN note text DEFAULT E'a\\\\b'");
      const parsed = await runBin(['diff', '--from', db.uri, '--to', other.uri]);
      expect(parsed.stderr).toBe('');
      expect(parsed.status).toBe(0);
      expect(parsed.stdout).toContain("note text DEFAULT ('a\\b'::text)");
      const fuller = diffModels(await readModel(db.uri), await readModel(other.uri), { objectSql: false });
      expect(parsed.stdout).toContain(renderMigration(fuller));
    } finally {
      await other.drop();
    }
  });

  it('prints the migration with its own BEGIN/COMMIT, writes -o and --down, verifies, and takes snapshots', async () => {
    const to = join(work, 'to');
    mkdirSync(to);
    writeFileSync(join(to, '1_all.sql'), `${expectedSql}\nALTER TABLE app.members DROP COLUMN email;\n`);
    const r = await runBin(['diff', '--from', db.uri, '--to', to, ...shadow, '--verify'], {
      timeoutMs: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-- gatehouse diff: /);
    expect(r.stdout).toMatch(
      /\nBEGIN;\n[\s\S]*-- hazard data_loss: [^\n]*\n(?:-- hazard [^\n]*\n)*ALTER TABLE app\.members DROP COLUMN email;\n[\s\S]*\nCOMMIT;\n$/,
    );
    expect(r.stderr).toContain('verified on');

    const out = join(work, 'up.sql');
    const down = join(work, 'down.sql');
    const r2 = await runBin(['diff', '--from', db.uri, '--to', to, ...shadow, '-o', out, '--down', down]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('DROP COLUMN email');
    expect(readFileSync(down, 'utf8')).toMatch(/\bemail text\b/);

    const snap = join(work, 'db.snapshot.json');
    const s = await runBin(['snapshot', '--db', db.uri, '-o', snap]);
    expect(s.status, s.stderr).toBe(0);
    // Roles belong to the cluster, which other test files share and change while this one runs: the
    // database's own part must be byte-identical, the roles only the ones this database was built with.
    const written = readFileSync(snap, 'utf8');
    expect(databasePart(written)).toBe(databasePart(snapshotText(await readModel(db.uri))));
    expect(roleNames(written)).toEqual(expect.arrayContaining(ownRoles));
    const r3 = await runBin(['diff', '--from', snap, '--to', db.uri, '--json']);
    expect(r3.status, r3.stderr).toBe(0);
    const json = JSON.parse(r3.stdout) as { migration: { equal: boolean }; from: { kind: string } };
    expect(json.from.kind).toBe('snapshot');
    expect(json.migration.equal).toBe(true);
  });

  it('names an object it cannot write on stderr and on top of the SQL, and --verify finds it missing', async () => {
    // A C function: the model does not hold its shared library, so no statement creates it.
    const to = join(work, 'to-c-function');
    mkdirSync(to);
    writeFileSync(
      join(to, '1_all.sql'),
      `${expectedSql}\nCREATE FUNCTION app.total(integer) RETURNS integer LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_validator';\n`,
    );
    const line =
      'not written: function app.total(integer): The C function app.total cannot be written from the model.';
    const r = await runBin(['diff', '--from', db.uri, '--to', to, ...shadow], { timeoutMs: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`gatehouse diff: ${line}`);
    expect(r.stdout).toContain(`-- ${line}`);
    const v = await runBin(['diff', '--from', db.uri, '--to', to, ...shadow, '--verify'], {
      timeoutMs: 60_000,
    });
    expect(v.status, v.stderr).toBe(2);
    expect(v.stderr).toContain('add function app.total(integer)');
  });

  it('exits 2 with --verify when the shadow copy cannot reproduce the source, naming the residue', async () => {
    // A snapshot holding a view the DDL writer refuses (its definition is two statements: hand-edited, or
    // written by a tool that does not check): the copy leaves it out, so after the (empty) migration the
    // shadow still lacks it. Verification must say so, exit 2 and still write nothing else.
    const model = await readModel(db.uri);
    const tampered = {
      ...model,
      relations: model.relations.map((r) =>
        r.name === 'member_names' ? { ...r, viewDefinition: ' SELECT 1 AS id; SELECT 2 AS id' } : r,
      ),
    };
    const snap = join(work, 'tampered.snapshot.json');
    writeFileSync(snap, snapshotText(tampered));
    const r = await runBin(['diff', '--from', snap, '--to', snap, ...shadow, '--verify'], {
      timeoutMs: 60_000,
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^gatehouse diff: NOT verified: .* still differs from the target in 1 change:\n/m,
    );
    expect(r.stderr).toContain('  add view app.member_names: create view app.member_names');
    expect(r.stderr).toMatch(/not copied to the shadow: app\.member_names: The view definition/);

    // --json carries the same verdict for CI, and -o is still written: the exit status is the verdict.
    const file = join(work, 'tampered.json');
    const j = await runBin(
      ['diff', '--from', snap, '--to', snap, ...shadow, '--verify', '--json', '-o', file],
      {
        timeoutMs: 60_000,
      },
    );
    expect(j.status, j.stderr).toBe(2);
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      verify: { verified: boolean; unexpected: { id: string }[]; notCopied: unknown[] };
    };
    expect(json.verify.verified).toBe(false);
    expect(json.verify.unexpected.map((c) => c.id)).toEqual(['view:add:app.member_names']);
    expect(json.verify.notCopied).toHaveLength(1);
  });

  const out = () => join(work, `never-${Math.random().toString(36).slice(2)}.sql`);
  it.each([
    [
      'an unreadable folder',
      () => ['--from', '/etc/passwd/nope', '--to', db.uri],
      /^error GH1001: Could not read|^error GH1000: The source \/etc\/passwd\/nope/,
    ],
    [
      'a file that fails to apply',
      () => ['--from', join(fixtures, 'broken-position'), '--to', db.uri, ...shadow],
      /^error GH1002: .*broken-position\/2_bad\.sql line 4: column "nosuch_column" does not exist/,
    ],
    [
      'a snapshot of a newer format',
      () => {
        const f = join(work, 'newer.json');
        writeFileSync(f, '{"kind": "gatehouse-snapshot", "format": 7, "catalogFormat": 1, "model": {}}\n');
        return ['--from', f, '--to', db.uri];
      },
      /^error GH1004: .*newer\.json is snapshot format 7/,
    ],
    [
      'a URI that cannot connect',
      () => ['--from', `postgresql://nobody@127.0.0.1:${port}/x`, '--to', db.uri],
      /^error GH100: /,
    ],
    [
      'a shadow server of another major',
      () => [
        '--from',
        join(fixtures, 'plain'),
        '--to',
        join(fixtures, 'dbmate'),
        '--pg-major',
        String(server.major === 18 ? 17 : 18),
        ...shadow,
      ],
      /^error GH1006: The shadow server .* is PostgreSQL \d+, but --pg-major is PostgreSQL \d+/,
    ],
  ])('%s: a clear error, exit 1, no output', async (_what, args, first) => {
    const file = out();
    const r = await runBin(['diff', ...args(), '-o', file], { timeoutMs: 60_000 });
    expect(r.firstErrorLine, r.stderr).toMatch(first);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });
});

let port = 1;
beforeAll(async () => {
  port = await freePort();
});
