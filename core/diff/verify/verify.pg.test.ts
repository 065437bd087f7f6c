import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import { createTempDatabase, pgServers, type TempDatabase } from '../../../test/pg.js';
import { readModel, runScript } from '../../ddl/testing/run.js';
import { renderMigration } from '../export/render-script.js';
import { diffModels, downMigration } from '../index.js';
import { plainConnect } from '../sources/connect.js';
import { loadSourcePair } from '../sources/load-source.js';
import { ShadowPool } from '../sources/shadow-pool.js';
import { verifyMigration } from './verify-migration.js';

const fixtures = resolve(import.meta.dirname, '../sources/fixtures');
const expectedSql = readFileSync(join(fixtures, 'expected.sql'), 'utf8');
const changes = `
ALTER TABLE app.members ADD COLUMN age integer;
CREATE TABLE app.notes (id integer PRIMARY KEY, body text);
CREATE INDEX notes_body ON app.notes (body);
`;

describe.each(pgServers())('verification on $label', (server) => {
  let from: TempDatabase;
  let to: TempDatabase;
  let toModel: Catalog;
  const pools: ShadowPool[] = [];
  const pool = () => {
    const p = new ShadowPool({ shadowUri: server.superuserUri, connect: plainConnect });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    from = await createTempDatabase(server, 'gh_ver_from');
    to = await createTempDatabase(server, 'gh_ver_to');
    await runScript(from.uri, expectedSql);
    await runScript(to.uri, expectedSql + changes);
    toModel = await readModel(to.uri);
  });
  afterAll(async () => {
    for (const p of pools) await p.close();
    await from.drop();
    await to.drop();
  });

  it('a live source is copied through its DDL, migrated and re-diffed to empty: verified', async () => {
    const p = pool();
    const pair = await loadSourcePair(from.uri, to.uri, { connect: plainConnect }, p);
    const migration = diffModels(pair.from.model, pair.to.model);
    const result = await verifyMigration({
      from: pair.from,
      to: toModel,
      migration,
      diff: diffModels,
      pool: p,
    });
    expect(result.residue.changes).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.copyDifferences).toBeNull();
    expect(result.shadow).toContain('a shadow copy of');
    // The source itself is untouched.
    expect(diffModels(await readModel(from.uri), pair.from.model).equal).toBe(true);
  });

  it('a migration with a statement left out is not verified, and the residue names what remains', async () => {
    const p = pool();
    const pair = await loadSourcePair(join(fixtures, 'plain'), to.uri, { connect: plainConnect }, p);
    const migration = diffModels(pair.from.model, pair.to.model);
    const index = migration.statements.findIndex((s) => s.sql.startsWith('CREATE INDEX notes_body'));
    expect(index).toBeGreaterThan(-1);
    const broken = { ...migration, statements: migration.statements.filter((_, i) => i !== index) };
    const result = await verifyMigration({
      from: pair.from,
      to: toModel,
      migration: broken,
      diff: diffModels,
      pool: p,
    });
    expect(result.verified).toBe(false);
    expect(result.shadow).toContain('the shadow database of');
    expect(result.residue.statements.map((s) => s.sql)).toEqual([migration.statements[index]!.sql]);
  });

  it('a change ticked out comes back as left out, not residue; the down migration leaves out the same', async () => {
    const p = pool();
    const pair = await loadSourcePair(from.uri, to.uri, { connect: plainConnect }, p);
    const plain = diffModels(pair.from.model, pair.to.model);
    const notes = plain.changes.find((c) => c.action === 'add' && c.object.name === 'notes');
    expect(notes).toBeDefined();
    const up = diffModels(pair.from.model, pair.to.model, { skip: [notes!.id] });
    expect(up.statements.some((s) => s.sql.includes('app.notes'))).toBe(false);
    const result = await verifyMigration({
      from: pair.from,
      to: toModel,
      migration: up,
      options: { skip: [notes!.id] },
      diff: diffModels,
      pool: p,
    });
    expect(result.unexpected).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.leftOut.map((c) => c.id)).toContain(notes!.id);
    expect(result.residue.equal).toBe(false);

    // Up then down on a copy of FROM gives FROM back: the down migration does not drop the table up never made.
    const copy = await createTempDatabase(server, 'gh_ver_down');
    try {
      await runScript(copy.uri, expectedSql);
      const down = downMigration(pair.from.model, pair.to.model, up);
      expect(down.statements.some((s) => s.sql.includes('app.notes'))).toBe(false);
      await runScript(copy.uri, renderMigration(up));
      await runScript(copy.uri, renderMigration(down));
      expect(diffModels(await readModel(copy.uri), pair.from.model).changes).toEqual([]);
    } finally {
      await copy.drop();
    }
  });
});
