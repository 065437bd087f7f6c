import { describe, expect, it } from 'vitest';
import type { Publication } from '../../shared/model/catalog.js';
import { publication } from '../../shared/model/testing/small-catalog.js';
import { LATE, publicationPhases } from './object-phases.js';
import {
  addPublicationTable,
  createPublication,
  dropPublicationTable,
  publicationSchema,
  setPublicationOptions,
} from './publications.js';

const pub = (extra: Partial<Publication> = {}): Publication => publication('realtime', extra);

describe('publications', () => {
  it('writes FOR ALL TABLES, tables (ONLY, column lists, row filters) and schemas, with both options', () => {
    expect(createPublication(pub({ allTables: true, publish: ['insert'] })).sql).toBe(
      "CREATE PUBLICATION realtime FOR ALL TABLES WITH (publish = 'insert', publish_via_partition_root = false)",
    );
    const p = pub({
      name: 'Feed',
      tables: [
        { schema: 'app', name: 'Orders', columns: ['id', 'Total'], where: '(id > 0)' },
        { schema: 'app', name: 'items' },
      ],
      schemas: ['more'],
      publish: [],
      viaPartitionRoot: true,
    });
    expect(createPublication(p).sql).toBe(
      'CREATE PUBLICATION "Feed" FOR TABLE ONLY app."Orders" (id, "Total") WHERE ((id > 0)), ONLY app.items, ' +
        "TABLES IN SCHEMA more WITH (publish = '', publish_via_partition_root = true)",
    );
    expect(createPublication(pub()).sql).toBe(
      "CREATE PUBLICATION realtime WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = false)",
    );
  });

  it('writes ADD / DROP TABLE and TABLES IN SCHEMA and SET options', () => {
    expect(addPublicationTable('realtime', { schema: 'app', name: 't', where: 'a IS NULL' }).sql).toBe(
      'ALTER PUBLICATION realtime ADD TABLE ONLY app.t WHERE (a IS NULL)',
    );
    expect(dropPublicationTable('realtime', { schema: 'app', name: 't' }).sql).toBe(
      'ALTER PUBLICATION realtime DROP TABLE ONLY app.t',
    );
    expect(publicationSchema('realtime', 'DROP', 'Feed').sql).toBe(
      'ALTER PUBLICATION realtime DROP TABLES IN SCHEMA "Feed"',
    );
    expect(setPublicationOptions('realtime', ['delete'], true).sql).toBe(
      "ALTER PUBLICATION realtime SET (publish = 'delete', publish_via_partition_root = true)",
    );
  });

  it('refuses a row filter that is not one expression (GH222)', () => {
    expect(() =>
      addPublicationTable('p', { schema: 'app', name: 't', where: 'true); DROP TABLE x; (' }),
    ).toThrow(/row filter/);
  });

  it('is written late, owned and commented, after every table', () => {
    const p = publicationPhases(pub({ comment: 'for Realtime' }));
    expect(p.create).toEqual([]);
    expect(p.late.every((l) => l.rank === LATE.publication)).toBe(true);
    expect(p.late.map((l) => l.statement.sql)).toEqual([
      "CREATE PUBLICATION realtime WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = false)",
      'ALTER PUBLICATION realtime OWNER TO postgres',
      "COMMENT ON PUBLICATION realtime IS 'for Realtime'",
    ]);
  });
});
