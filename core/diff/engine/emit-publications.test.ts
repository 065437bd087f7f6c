import { describe, expect, it } from 'vitest';
import type { Catalog, Publication } from '../../../shared/model/catalog.js';
import { publication, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';

const model = (publications: Publication[] | undefined, tables: string[] = ['t']): Catalog => ({
  ...smallCatalog({ roles: [], relations: tables.map((t) => table('api', t, 'postgres', ['id'])) }),
  dependencies: [],
  ...(publications !== undefined ? { publications } : {}),
});
const member = (name: string) => ({ schema: 'api', name });

describe('publications in the diff', () => {
  it('drops old ones first, creates new ones and adds tables after the tables, leaves a dropped table be', () => {
    const a = model(
      [publication('gone'), publication('kept', { tables: [member('t'), member('old')] })],
      ['t', 'old'],
    );
    const b = model(
      [
        publication('kept', { tables: [member('t'), member('u')] }),
        publication('fresh', { tables: [member('u')] }),
      ],
      ['t', 'u'],
    );
    const sql = diffModels(a, b).statements.map((s) => s.sql);
    const createTable = sql.findIndex((s) => s.startsWith('CREATE TABLE api.u'));
    expect(sql.indexOf('DROP PUBLICATION gone')).toBeLessThan(createTable);
    expect(sql.indexOf('ALTER PUBLICATION kept ADD TABLE ONLY api.u')).toBeGreaterThan(createTable);
    expect(
      sql.findIndex((s) => s.startsWith('CREATE PUBLICATION fresh FOR TABLE ONLY api.u')),
    ).toBeGreaterThan(createTable);
    // api.old goes, and its membership with it.
    expect(sql.filter((s) => s.includes('DROP TABLE ONLY'))).toEqual([]);
  });

  it('follows the options, and compares nothing when a model predates publications', () => {
    const a = model([publication('p')]);
    const b = model([publication('p', { publish: ['insert'], owner: 'admin', comment: 'feed' })]);
    expect(diffModels(a, b).statements.map((s) => s.sql)).toEqual([
      "ALTER PUBLICATION p SET (publish = 'insert', publish_via_partition_root = false)",
      'ALTER PUBLICATION p OWNER TO admin',
      "COMMENT ON PUBLICATION p IS 'feed'",
    ]);
    expect(diffModels(a, b, { excludeKinds: ['publication', 'owner', 'comment'] }).equal).toBe(true);
    expect(diffModels(model(undefined), b).equal).toBe(true);
    // Scoped by their members' schemas: one naming only tables elsewhere is left out.
    expect(
      diffModels(model([]), model([publication('q', { tables: [member('t')] })]), { schemas: ['other'] })
        .equal,
    ).toBe(true);
  });
});
