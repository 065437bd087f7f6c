import { expect } from 'vitest';
import type { DiffOptions } from '../../../../shared/diff/migration.js';
import { createTempDatabase, superuserQuery, type TestServer } from '../../../../test/pg.js';
import { readModel, runScript } from '../../../ddl/testing/run.js';
import { diffModels } from '../diff-models.js';
import { normaliseDump, residue } from './normdump.js';
import { pgDumpFor, schemaDump } from './pg-dump.js';

/**
 * The pairs' procedure for SQL that only some majors run (the pairs run theirs on every one): A and B loaded,
 * the migration from A to B applied to A, then A must equal B through the model (a second diff is empty) and
 * through the normalised pg_dump. Returns the migration's SQL.
 */
export function migrate(
  server: TestServer,
  a: string,
  b: string,
  options: DiffOptions = {},
): Promise<string[]> {
  return withPair(server, a, b, async (da, db) => {
    const modelB = await readModel(db.uri);
    const migration = diffModels(await readModel(da.uri), modelB, options);
    expect(migration.unwritable).toEqual([]);
    await runScript(da.uri, migration.statements.map((s) => `${s.sql};`).join('\n'));
    const again = diffModels(await readModel(da.uri), modelB, options);
    expect(again.changes.map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    const pgDump = await pgDumpFor(server.major);
    if (pgDump !== null)
      expect(
        residue(
          normaliseDump(await schemaDump(pgDump, da.uri)),
          normaliseDump(await schemaDump(pgDump, db.uri)),
        ),
      ).toEqual([]);
    return migration.statements.map((s) => s.sql);
  });
}

/** Databases A and B of a server loaded with `a` and `b` for `run`, dropped after it. */
export async function withPair<T>(
  server: TestServer,
  a: string,
  b: string,
  run: (da: { uri: string }, db: { uri: string }) => Promise<T>,
): Promise<T> {
  const da = await createTempDatabase(server, 'gh_mig_a');
  const db = await createTempDatabase(server, 'gh_mig_b');
  try {
    await superuserQuery(server, a, da.name);
    await superuserQuery(server, b, db.name);
    return await run(da, db);
  } finally {
    await da.drop();
    await db.drop();
  }
}
