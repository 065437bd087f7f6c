import { describe, expect, it } from 'vitest';
import type { Catalog, EventTrigger } from '../../../shared/model/catalog.js';
import { smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';

const evt = (name: string, extra: Partial<EventTrigger> = {}): EventTrigger => ({
  oid: 1,
  name,
  event: 'ddl_command_end',
  function: { schema: 'api', name: 'note' },
  enabled: 'origin',
  tags: [],
  owner: 'postgres',
  comment: null,
  ...extra,
});
const model = (eventTriggers: EventTrigger[], tables: string[] = []): Catalog => ({
  ...smallCatalog({ roles: [], relations: tables.map((t) => table('api', t, 'postgres', ['id'])) }),
  dependencies: [],
  eventTriggers,
});

describe('event triggers in the diff', () => {
  it('drops old ones before the migration’s DDL and creates new ones after it, each needing a superuser', () => {
    const a = model([evt('gone'), evt('retagged', { tags: ['CREATE TABLE'] })]);
    const b = model([evt('retagged', { tags: ['CREATE TABLE', 'DROP TABLE'] }), evt('fresh')], ['t']);
    const m = diffModels(a, b);
    const sql = m.statements.map((s) => s.sql);
    const createTable = sql.findIndex((s) => s.startsWith('CREATE TABLE api.t'));
    expect(sql.indexOf('DROP EVENT TRIGGER gone')).toBeLessThan(createTable);
    expect(sql.indexOf('DROP EVENT TRIGGER retagged')).toBeLessThan(createTable);
    const recreate = sql.indexOf(
      "CREATE EVENT TRIGGER retagged ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION api.note()",
    );
    expect(recreate).toBeGreaterThan(createTable);
    expect(
      sql.indexOf('CREATE EVENT TRIGGER fresh ON ddl_command_end EXECUTE FUNCTION api.note()'),
    ).toBeGreaterThan(createTable);
    for (const s of m.statements.filter((x) => x.sql.includes('EVENT TRIGGER')))
      expect(s.hazards.map((h) => h.kind)).toContain('needs_superuser');
    expect(m.changes.find((c) => c.object.name === 'retagged')?.action).toBe('rebuild');
  });

  it('alters the firing state, owner and comment in place, and follows the options', () => {
    const a = model([evt('e')]);
    const b = model([evt('e', { enabled: 'replica', owner: 'admin', comment: 'audits' })]);
    expect(diffModels(a, b).statements.map((s) => s.sql)).toEqual([
      'ALTER EVENT TRIGGER e ENABLE REPLICA',
      'ALTER EVENT TRIGGER e OWNER TO admin',
      "COMMENT ON EVENT TRIGGER e IS 'audits'",
    ]);
    expect(
      diffModels(a, b, { ignoreOwners: true, excludeKinds: ['comment'] }).statements.map((s) => s.sql),
    ).toEqual(['ALTER EVENT TRIGGER e ENABLE REPLICA']);
    expect(diffModels(a, b, { excludeKinds: ['event_trigger', 'owner', 'comment'] }).equal).toBe(true);
    // Scoped with their function's schema.
    expect(diffModels(model([]), b, { schemas: ['other'] }).equal).toBe(true);
  });
});
