import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import { createTempDatabase, pgServers, type TempDatabase } from '../../../test/pg.js';
import { readModel, runScript } from '../../ddl/testing/run.js';
import { diffModels } from '../index.js';
import { plainConnect } from '../sources/connect.js';
import { loadSourcePair } from '../sources/load-source.js';
import { ShadowPool } from '../sources/shadow-pool.js';
import { exportMigration, type ExportFormat } from './export-folder.js';

const fixtures = resolve(import.meta.dirname, '../sources/fixtures');
const expectedSql = readFileSync(join(fixtures, 'expected.sql'), 'utf8');
const changes = `
ALTER TABLE app.members ADD COLUMN age integer;
CREATE INDEX members_name ON app.members (name);
CREATE TABLE app.notes (id integer PRIMARY KEY, member bigint REFERENCES app.members (id), body text);
COMMENT ON TABLE app.notes IS 'notes about members';
`;
const now = new Date('2024-06-01T12:00:00Z');

describe.each(pgServers())('migration exports on $label', (server) => {
  let target: TempDatabase;
  let targetModel: Catalog;
  const pools: ShadowPool[] = [];
  const load = async (from: string, to: string) => {
    const pool = new ShadowPool({ shadowUri: server.superuserUri, connect: plainConnect });
    pools.push(pool);
    return loadSourcePair(from, to, { connect: plainConnect }, pool);
  };

  beforeAll(async () => {
    target = await createTempDatabase(server, 'gh_exp_to');
    await runScript(target.uri, expectedSql + changes);
    targetModel = await readModel(target.uri);
  });
  afterAll(async () => {
    for (const p of pools) await p.close();
    await target.drop();
  });

  /** The fixture folder copied, the migration to the target exported into it, and the folder read again. */
  it.each([
    ['flyway', 'flyway', 'V11__add_notes.sql'],
    ['dbmate', 'dbmate', '20240601120000_add_notes.sql'],
    ['golang-migrate', 'golang-migrate', '11_add_notes.up.sql'],
    ['supabase', 'supabase', 'supabase/migrations/20240601120000_add_notes.sql'],
    ['sqitch', 'sqitch', 'deploy/add_notes.sql'],
  ] as const)('a %s export reads back as the target', async (format, fixture, written) => {
    const dir = mkdtempSync(join(tmpdir(), `gh-export-${format}-`));
    cpSync(join(fixtures, fixture), dir, { recursive: true });
    const before = await load(dir, target.uri);
    const up = diffModels(before.from.model, targetModel);
    const down = diffModels(targetModel, before.from.model);
    expect(up.equal).toBe(false);
    const files = await exportMigration({
      dir,
      format: format as ExportFormat,
      name: 'add notes',
      up,
      down,
      now,
      planner: { name: 'Dev', email: 'dev@example.com' },
    });
    expect(files.map((f) => f.path)).toContain(join(dir, written));
    const after = await load(dir, target.uri);
    expect(after.from.convention).toBe(format);
    const again = diffModels(after.from.model, targetModel);
    expect(again.changes).toEqual([]);
    expect(again.equal).toBe(true);
    if (format === 'sqitch') {
      expect(readFileSync(join(dir, 'sqitch.plan'), 'utf8')).toMatch(
        /\nadd_notes 2024-06-01T12:00:00Z Dev <dev@example\.com> # .+\n$/,
      );
      expect(readFileSync(join(dir, 'verify/add_notes.sql'), 'utf8')).toContain(
        'SELECT 1 FROM app.notes WHERE false;',
      );
    }
    if (format === 'dbmate') {
      const text = readFileSync(join(dir, written), 'utf8');
      expect(text).toMatch(/^-- migrate:up\n/);
      expect(text).toMatch(/\n-- migrate:down\n[\s\S]*DROP TABLE app\.notes/);
    }
  });

  it('the reverse migration, exported as golang-migrate down, undoes the up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-export-down-'));
    cpSync(join(fixtures, 'golang-migrate'), dir, { recursive: true });
    const pair = await load(dir, target.uri);
    const up = diffModels(pair.from.model, targetModel);
    const down = diffModels(targetModel, pair.from.model);
    const files = await exportMigration({ dir, format: 'golang-migrate', name: 'add_notes', up, down, now });
    const db = await createTempDatabase(server, 'gh_exp_down');
    try {
      await runScript(db.uri, expectedSql + changes);
      await runScript(db.uri, readFileSync(files.find((f) => f.path.endsWith('.down.sql'))!.path, 'utf8'));
      const reverted = diffModels(await readModel(db.uri), pair.from.model);
      expect(reverted.changes).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('an Alembic revision wraps op.execute and revises the folder’s head', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-export-alembic-'));
    const versions = join(dir, 'versions');
    mkdirSync(versions);
    writeFileSync(join(dir, 'env.py'), '# alembic env\n');
    const mk = (rev: string, down: string | null) =>
      `revision = '${rev}'\ndown_revision = ${down === null ? 'None' : `'${down}'`}\n`;
    writeFileSync(join(versions, 'aaa_first.py'), mk('aaa111', null));
    writeFileSync(join(versions, 'bbb_second.py'), mk('bbb222', 'aaa111'));
    const pair = await load(join(fixtures, 'plain'), target.uri);
    const real = diffModels(pair.from.model, targetModel);
    const back = diffModels(targetModel, pair.from.model);
    const [file] = await exportMigration({
      dir,
      format: 'alembic',
      name: 'add_notes',
      up: real,
      down: back,
      now,
    });
    expect(file!.path.startsWith(versions)).toBe(true);
    const text = readFileSync(file!.path, 'utf8');
    expect(text).toMatch(/^revision = "[0-9a-f]{12}"$/m);
    expect(text).toMatch(/^down_revision = "bbb222"$/m);
    expect(text).toContain('from alembic import op');
    expect(text).toMatch(
      /def upgrade\(\) -> None:\n {4}op\.execute\(\n {8}"""ALTER TABLE app\.members ADD COLUMN age integer;"""/,
    );
    expect(text).toMatch(/def downgrade\(\) -> None:\n[\s\S]*DROP TABLE app\.notes/);
    expect(readdirSync(versions)).toHaveLength(3);
  });
});
