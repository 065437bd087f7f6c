import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../../shared/errors.js';
import type { Catalog } from '../../../shared/model/catalog.js';
import { ownRoles } from '../../catalog/testing/own-roles.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { quoteIdent } from '../../../shared/sql/quote-ident.js';
import { databaseParts } from '../../ddl/testing/normalise.js';
import { readModel, runScript } from '../../ddl/testing/run.js';
import { diffModels } from '../index.js';
import { canonicalCatalog } from './canonical-ids.js';
import { plainConnect } from './connect.js';
import { folderConventions } from './folder-plan.js';
import { loadSourcePair, type LoadedPair } from './load-source.js';
import { ShadowPool } from './shadow-pool.js';
import { parseSnapshot, snapshotText } from './snapshot.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const expectedSql = readFileSync(join(fixtures, 'expected.sql'), 'utf8');

/** What the folder built, comparable with the expected database (OIDs, database name and row estimates aside). */
const parts = (m: Catalog) => databaseParts(m, 'db');

async function failure(p: Promise<unknown>): Promise<GatehouseError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatehouseError);
  return error as GatehouseError;
}

describe.each(pgServers())('diff sources on $label', (server) => {
  let expected: TempDatabase;
  let expectedModel: Catalog;
  const pools: ShadowPool[] = [];
  /** Loads `source` against the expected database, on the test server as the shadow (fast: one database each). */
  const load = async (source: string, options: { pgMajor?: number } = {}): Promise<LoadedPair> => {
    const pool = new ShadowPool({ shadowUri: server.superuserUri, connect: plainConnect });
    pools.push(pool);
    return loadSourcePair(source, expected.uri, { ...options, connect: plainConnect }, pool);
  };

  beforeAll(async () => {
    expected = await createTempDatabase(server, 'gh_src_exp');
    await runScript(expected.uri, expectedSql);
    expectedModel = await readModel(expected.uri);
  });
  afterAll(async () => {
    for (const p of pools) await p.close();
    await expected.drop();
  });

  it("a role created elsewhere in the cluster renumbers none of this database's objects in a snapshot", async () => {
    // 'aaa…' sorts before every other role, and roles are the cluster's: another database's team makes them.
    const role = `aaa_gh_snap_${uniqueSuffix()}`;
    await superuserQuery(server, `CREATE ROLE ${quoteIdent(role)}`);
    try {
      const withRole = canonicalCatalog(await readModel(expected.uri), 'x');
      const before = canonicalCatalog(expectedModel, 'x');
      const ids = (m: Catalog) => ({
        relations: m.relations.map((r) => [r.name, r.oid, r.rowTypeOid]),
        types: m.types.map((t) => [t.name, t.oid, t.arrayOid]),
        functions: m.functions.map((f) => [f.name, f.oid]),
        schemas: m.schemas.map((x) => [x.name, x.oid]),
      });
      expect(withRole.roles.some((r) => r.name === role)).toBe(true);
      expect(ids(withRole)).toEqual(ids(before));
    } finally {
      await superuserQuery(server, `DROP ROLE ${quoteIdent(role)}`);
    }
  });

  it('a snapshot is byte-identical under re-runs, free of OIDs and timestamps, and loads back to the model', async () => {
    const again = await readModel(expected.uri);
    const text = snapshotText(expectedModel);
    // Roles are cluster-wide, and other test files create and drop theirs meanwhile: compare this database's own.
    expect(snapshotText(ownRoles(again))).toBe(snapshotText(ownRoles(expectedModel)));
    expect(text).not.toContain(expectedModel.readAt);
    const liveOids = [
      expectedModel.database.oid,
      ...expectedModel.relations.map((r) => r.oid),
      ...expectedModel.types.map((t) => t.oid),
      ...expectedModel.functions.map((f) => f.oid),
    ];
    const fileOids = new Set(
      [...text.matchAll(/"(?:oid|rowTypeOid|arrayOid|elementOid)": (\d+)/g)].map((m) => Number(m[1])),
    );
    for (const oid of liveOids) if (oid >= 16384) expect(fileOids.has(oid)).toBe(false);
    const loaded = parseSnapshot(text, 'x.json');
    expect(loaded).toEqual(canonicalCatalog(expectedModel, loaded.readAt));
    // Synthetic ids stay consistent: the mood column's type is the mood type, by id.
    const mood = loaded.types.find((t) => t.name === 'mood')!;
    const column = loaded.relations
      .find((r) => r.name === 'members')!
      .columns.find((c) => c.name === 'mood')!;
    expect(column.type.oid).toBe(mood.oid);
    expect(parts(loaded)).toEqual(parts(expectedModel));
    // Every consumer of the model still works on it: the diff engine finds nothing between the two.
    expect(diffModels(loaded, expectedModel, { includeRoles: true }).changes).toEqual([]);
    expect(diffModels(expectedModel, loaded, { includeRoles: true }).equal).toBe(true);
  });

  it('a snapshot of a newer format is refused by name (GH1004), a damaged one with GH1003', () => {
    const text = snapshotText(expectedModel).replace('"format": 1', '"format": 99');
    expect(() => parseSnapshot(text, 'new.json')).toThrow(/new\.json is snapshot format 99.*reads format 1/);
    try {
      parseSnapshot(text, 'new.json');
    } catch (e) {
      expect((e as GatehouseError).code).toBe('GH1004');
    }
    expect(() =>
      parseSnapshot('{"kind": "gatehouse-snapshot", "format": 1, "catalogFormat": 1, "model": {}}', 'd.json'),
    ).toThrow(/d\.json is not a readable Gatehouse snapshot/);
  });

  const conventions = folderConventions.map((c) => [c, c === 'supabase' ? 'supabase' : c] as const);
  it.each(conventions)(
    'a %s folder is detected, applied in its order and read back',
    async (convention, dir) => {
      const seen: string[] = [];
      const pool = new ShadowPool({ shadowUri: server.superuserUri, connect: plainConnect });
      pools.push(pool);
      const pair = await loadSourcePair(
        join(fixtures, dir),
        expected.uri,
        {
          connect: plainConnect,
          onProgress: (p) => seen.push(p.step === 'apply' ? `apply ${p.index}/${p.total} ${p.file}` : p.step),
        },
        pool,
      );
      expect(pair.from.convention).toBe(convention);
      expect(parts(pair.from.model)).toEqual(parts(expectedModel));
      expect(pair.from.model.server.major).toBe(server.major);
      expect(seen[0]).toBe('shadow');
      expect(seen.at(-1)).toBe('read');
      const order = seen.filter((s) => s.startsWith('apply')).map((s) => s.split(' ')[2]);
      const expectedOrder: Record<string, string[]> = {
        plain: ['1_schema.sql', '2_mood.sql', '10_views.sql'],
        nested: [
          'a_schemas/app.sql',
          'b_tables/app/members.sql',
          'c_types/mood.sql',
          'd_views/member_count.sql',
          'd_views/member_names.sql',
        ],
        supabase: ['20240101000000_init.sql', '20240102000000_mood.sql', '20240103000000_views.sql'],
        dbmate: ['20240101000000_init.sql', '20240102000000_views.sql'],
        flyway: ['sql/V1__init.sql', 'sql/V2__mood_type.sql', 'V10__mood_column.sql', 'R__views.sql'],
        'golang-migrate': ['1_init.up.sql', '2_mood.up.sql', '10_views.up.sql'],
        sqitch: ['deploy/schema.sql', 'deploy/mood.sql', 'deploy/views@v1.sql', 'deploy/views.sql'],
      };
      expect(order).toEqual(expectedOrder[convention]);
      if (convention === 'supabase') expect(pair.from.ignored).toEqual(['notes.sql']);
      if (convention === 'flyway') expect(pair.from.ignored).toEqual(['U10__undo_mood_column.sql']);
    },
  );

  it.each([
    [
      'broken-position',
      /broken-position\/2_bad\.sql line 4: column "nosuch_column" does not exist/,
      'LINE 4: SELECT nosuch_column',
    ],
    [
      'broken-execution',
      /broken-execution\/2_bad\.sql line 4: relation "t1" already exists/,
      'LINE 4: CREATE TABLE t1',
    ],
    [
      'broken-dbmate',
      /broken-dbmate\/20240101000000_bad\.sql line 3: column "nosuch" referenced in foreign key constraint does not exist/,
      'LINE 3: CREATE TABLE t2',
    ],
  ])('a failing file in %s names the file, its line and PostgreSQL’s error', async (dir, message, line) => {
    const e = await failure(load(join(fixtures, dir)));
    expect(e.code).toBe('GH1002');
    expect(e.message).toMatch(message);
    expect(e.details).toContain(line);
  });

  it('a single .sql file is a source', async () => {
    const pair = await load(join(fixtures, 'expected.sql'));
    expect(pair.from.convention).toBe('file');
    expect(parts(pair.from.model)).toEqual(parts(expectedModel));
  });

  it('without --shadow a throwaway PostgreSQL of the other side’s major is started', async () => {
    const pool = new ShadowPool({ connect: plainConnect });
    pools.push(pool);
    const pair = await loadSourcePair(join(fixtures, 'plain'), expected.uri, { connect: plainConnect }, pool);
    expect(pair.from.model.server.major).toBe(server.major);
    expect(parts(pair.from.model)).toEqual(parts(expectedModel));
  });

  it('a shadow of another major than the live side is refused (GH1006)', async () => {
    const other = server.major === 18 ? 17 : 18;
    const e = await failure(load(join(fixtures, 'plain'), { pgMajor: other }));
    expect(e.code).toBe('GH1006');
    expect(e.message).toContain(`--pg-major ${other}`);
    const snapshot = join(mkdtempSync(join(tmpdir(), 'gh-snap-')), 'm.json');
    writeFileSync(
      snapshot,
      snapshotText({ ...expectedModel, server: { ...expectedModel.server, major: other } }),
    );
    const pool = new ShadowPool({ shadowUri: server.superuserUri, connect: plainConnect });
    pools.push(pool);
    const e2 = await failure(
      loadSourcePair(join(fixtures, 'plain'), snapshot, { connect: plainConnect }, pool),
    );
    expect(e2.code).toBe('GH1006');
    expect(e2.message).toMatch(
      new RegExp(`is PostgreSQL ${server.major}, but the other side .* is PostgreSQL ${other}`),
    );
  });
});
