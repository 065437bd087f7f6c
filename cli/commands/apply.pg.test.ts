import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, superuserQuery, type TempDatabase, newestServerOnly } from '../../test/pg.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/gatehouse.js');

/** `node bin/gatehouse.js …` as a user runs it: exit status, stdout, stderr. */
function gatehouse(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', failed);
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe.each(newestServerOnly())('gatehouse apply ($label)', (server) => {
  let db: TempDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const file = (name: string, sql: string) => {
    const path = join(dir, name);
    writeFileSync(path, sql);
    return path;
  };
  const q = async (sql: string) => (await superuserQuery(server, sql, db.name)).rows;
  const tables = async () =>
    (
      await q(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1",
      )
    ).map((r) => r.relname as string);

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/cli-bundle/main.js')))
      throw new Error('Run `npm run build` before this test.');
    db = await createTempDatabase(server, 'gh_cli_apply');
    dir = mkdtempSync(join(tmpdir(), 'gh-cli-apply-'));
    const { PGHOST: _h, PGPORT: _p, PGUSER: _u, PGPASSWORD: _w, PGDATABASE: _d, ...rest } = process.env;
    env = { ...rest, GATEHOUSE_DATA_DIR: join(dir, 'data'), PGSSLMODE: 'disable' };
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a file in one transaction, prints what ran and exits 0', async () => {
    const path = file(
      'ok.sql',
      [
        '-- a migration; with comments',
        'CREATE TABLE items (id int PRIMARY KEY, note text);',
        "INSERT INTO items VALUES (1, 'semi;colon');",
        'CREATE FUNCTION items_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM items; $$;',
        '',
      ].join('\n'),
    );
    const r = await gatehouse(['apply', path, '--db', db.uri], env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ran  [1] ${path} line 2  CREATE TABLE items (id int PRIMARY KEY, note text)`);
    expect(r.out).toContain(`[3] ${path} line 4`);
    expect(r.out.trim().split('\n').at(-1)).toBe('Applied 3 statements in one transaction.');
    expect(await q('SELECT items_count() AS n')).toEqual([{ n: '1' }]);
    // Kept in the same history the studio shows.
    const history = readFileSync(join(dir, 'data/changeset-history.json'), 'utf8');
    expect(history).toContain('"source":"cli"');
    expect(history).toContain("INSERT INTO items VALUES (1, 'semi;colon')");
  });

  it('names the failing statement with its file line, exits 1 and changes nothing', async () => {
    const path = file(
      'bad.sql',
      [
        'CREATE TABLE first_one (a int);',
        '',
        'SELECT a,',
        '       nope',
        'FROM first_one;',
        'CREATE TABLE never (a int);',
      ].join('\n'),
    );
    const r = await gatehouse(['apply', path, '--db', db.uri], env);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines[0]).toBe(
      `gatehouse apply: statement 2 (${path} line 3) failed: column "nope" does not exist`,
    );
    expect(lines[1]).toBe(`  at ${path} line 4, column 8:`);
    expect(lines[2]).toBe('         nope');
    expect(lines[3]).toBe('         ^');
    expect(r.err).toContain('SQLSTATE 42703');
    expect(r.err).toContain('Rolled back: nothing was applied.');
    expect(await tables()).toEqual(['items']);
  });

  it('refuses statements that cannot run in a transaction unless told, then runs them after it', async () => {
    const path = file(
      'concurrently.sql',
      'CREATE TABLE big (a int);\nCREATE INDEX CONCURRENTLY big_a ON big (a);\n',
    );
    const refused = await gatehouse(['apply', path, '--db', db.uri], env);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')[0]).toBe(
      `gatehouse apply: nothing applied: statement 2 (${path} line 2) cannot run inside a transaction; rerun with --yes-non-transactional to run it after the transaction.`,
    );
    expect(await tables()).toEqual(['items']);
    const r = await gatehouse(['apply', path, '--db', db.uri, '--yes-non-transactional'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `ran after the transaction  [2] ${path} line 2  CREATE INDEX CONCURRENTLY big_a ON big (a)`,
    );
    expect(r.out).toContain('Applied 2 statements (1 in one transaction, 1 after it).');
    expect(await q("SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_a'::regclass")).toEqual([
      { indisvalid: true },
    ]);
  });

  it('stops at the statement timeout it was given', async () => {
    const path = file('slow.sql', 'CREATE TABLE slow_one (a int);\nSELECT pg_sleep(3);\n');
    const r = await gatehouse(['apply', path, '--db', db.uri, '--statement-timeout', '200'], env);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      `gatehouse apply: statement 2 (${path} line 2) failed: canceling statement due to statement timeout`,
    );
    expect(await tables()).not.toContain('slow_one');
  });

  it('exits 2 on a usage error and 1 on a file that does not parse', async () => {
    const noDb = await gatehouse(['apply', join(dir, 'ok.sql')], env);
    expect(noDb.code).toBe(2);
    expect(noDb.err.split('\n')[0]).toBe(
      'gatehouse apply: --db is required (e.g. --db postgresql://developer@localhost/app).',
    );
    const badTimeout = await gatehouse(
      ['apply', join(dir, 'ok.sql'), '--db', db.uri, '--lock-timeout', '5s'],
      env,
    );
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.err.split('\n')[0]).toMatch(/--lock-timeout takes milliseconds/);
    const noFile = await gatehouse(['apply', '--db', db.uri], env);
    expect(noFile.code).toBe(2);
    const path = file('syntax.sql', 'CREATE TABLE x (a int);\nCREATE TABLE y (a int,);\n');
    const r = await gatehouse(['apply', path, '--db', db.uri], env);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      `error GH600: ${path} does not parse: syntax error at or near ")" (line 2, column 23).`,
    );
    const tx = file('tx.sql', 'BEGIN;\nCREATE TABLE x (a int);\nCOMMIT;\n');
    const refused = await gatehouse(['apply', tx, '--db', db.uri], env);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')[0]).toMatch(
      /^error GH601: Statement 1 \(.*tx\.sql line 1\) cannot be part of a change set/,
    );
    expect(await tables()).toEqual(['big', 'items']);
  });
});
