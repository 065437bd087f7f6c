import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import { smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';
import { downMigration, reverseOptions } from './down.js';

const model = (names: string[]): Catalog => ({
  ...smallCatalog({ roles: [], relations: names.map((n) => table('api', n, 'postgres', ['id'])) }),
  dependencies: [],
});

describe('downMigration', () => {
  const a = model(['t']);
  const b = model(['t', 'u', 'w']);
  const up = (skip: string[] = []) => diffModels(a, b, { skip });
  const addOf = (name: string) => up().changes.find((c) => c.action === 'add' && c.object.name === name)!.id;

  it('with nothing ticked out is the plain reverse diff', () => {
    expect(downMigration(a, b, up())).toEqual(diffModels(b, a));
  });

  it('leaves out what the up migration left out, matched by object: ids differ across directions', () => {
    const skip = [addOf('u')];
    const m = up(skip);
    const sql = (x: { statements: { sql: string }[] }) => x.statements.map((s) => s.sql);
    expect(sql(m).some((s) => s.includes('api.u'))).toBe(false);
    // The same ids on the reverse diff leave nothing out: it would drop a table the up migration never made.
    const naive = diffModels(b, a, { skip });
    expect(naive.skipped).toEqual([]);
    expect(sql(naive)).toContain('DROP TABLE api.u');
    const down = downMigration(a, b, m);
    expect(sql(down)).not.toContain('DROP TABLE api.u');
    expect(sql(down)).toContain('DROP TABLE api.w');
    const dropU = down.changes.find((c) => c.action === 'drop' && c.object.name === 'u')!;
    expect(down.skipped.map((s) => s.id)).toContain(dropU.id);
  });

  it('turns renames round and keeps the rest of the options', () => {
    const from = { kind: 'relation', schema: 'api', name: 'old' } as const;
    const to = { kind: 'relation', schema: 'api', name: 'new' } as const;
    expect(reverseOptions({ ignoreOwners: true, skip: ['x'], renames: [{ from, to }] })).toEqual({
      ignoreOwners: true,
      renames: [{ from: to, to: from }],
    });
  });
});
