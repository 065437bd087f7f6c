import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogSchema, type Catalog, type Relation, type TypeRef } from '../../../shared/model/catalog.js';
import { fn, grant, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';
import {
  MODEL_PARTS,
  STRING_FIELDS,
  renameSchemaIn,
  schemaRenameCandidates,
  schemaSimilarity,
} from './schema-renames.js';

const model = (schemas: string[], relations: Relation[], extra: Partial<Catalog> = {}): Catalog => ({
  ...smallCatalog({ roles: [], schemas, relations }),
  ...extra,
});
const mood = (schema: string): TypeRef => ({
  oid: 90000,
  schema,
  name: 'mood',
  formatted: `${schema}.mood`,
  kind: 'enum',
  isArray: false,
  elementOid: null,
});
/** A table whose column `m` is of `schema`.mood. */
const moody = (schema: string, name: string): Relation => {
  const t = table(schema, name, 'postgres', ['id', 'm']);
  return { ...t, columns: t.columns.map((c) => (c.name === 'm' ? { ...c, type: mood(schema) } : c)) };
};
const tables = (schema: string, names: string[]) =>
  names.map((n) => table(schema, n, 'postgres', ['id', 'x']));

describe('schema rename candidates', () => {
  it('offers a schema gone and one new that hold the same objects, types spelt by their schema', () => {
    const a = model(['public', 'app'], [moody('app', 't'), ...tables('app', ['u', 'v'])]);
    const b = model(['public', 'core'], [moody('core', 't'), ...tables('core', ['u', 'v'])]);
    expect(schemaRenameCandidates(a, b)).toEqual([
      {
        kind: 'schema',
        from: { kind: 'schema', schema: null, name: 'app' },
        to: { kind: 'schema', schema: null, name: 'core' },
        similarity: 1,
      },
    ]);
  });

  it('still offers it with a few objects changed, renamed, added or gone', () => {
    const a = model(
      ['app'],
      [...tables('app', ['a', 'b', 'c', 'd', 'was']), table('app', 'gone', 'postgres', ['g'])],
    );
    const changed = { ...table('core', 'a', 'postgres', ['id', 'x', 'y']) };
    const b = model(
      ['core'],
      [changed, ...tables('core', ['b', 'c', 'd', 'now']), table('core', 'new', 'postgres', ['n'])],
    );
    const sim = schemaSimilarity(a, 'app', b, 'core');
    // b, c, d the same (3), a by name and two of its three columns (5/6), was renamed now (0.4), over six each.
    expect(sim).toBeCloseTo((3 + 5 / 6 + 0.4) / 6);
    expect(schemaRenameCandidates(a, b).map((c) => c.to.name)).toEqual(['core']);
  });

  it('does not offer two unrelated schemas, nor empty ones', () => {
    const a = model(['app', 'void'], tables('app', ['orders', 'items', 'clients']));
    const b = model(['audit', 'blank'], tables('audit', ['events', 'logins']));
    expect(schemaSimilarity(a, 'app', b, 'audit')).toBe(0);
    expect(schemaRenameCandidates(a, b)).toEqual([]);
  });

  it('does not offer schemas whose objects are only alike, none of the same name', () => {
    const a = model(['app'], tables('app', ['orders', 'items']));
    const b = model(['audit'], tables('audit', ['events', 'logins']));
    // Alike objects alone count 0.4 at most: never enough, so they are not even paired.
    expect(schemaSimilarity(a, 'app', b, 'audit')).toBe(0);
    expect(schemaRenameCandidates(a, b)).toEqual([]);
  });

  it('counts a function by its signature spelt under the new name', () => {
    const f = (schema: string) => ({ ...fn(schema, 'cheer', 'postgres'), identityArgs: `x ${schema}.mood` });
    const a = model(['app'], [], { functions: [f('app')] });
    expect(schemaSimilarity(a, 'app', model(['core'], [], { functions: [f('core')] }), 'core')).toBe(1);
    expect(schemaSimilarity(a, 'app', model(['core'], [], { functions: [f('elsewhere')] }), 'core')).toBe(0);
  });
});

describe('renameSchemaIn', () => {
  it('re-spells the schema and every reference to it, as PostgreSQL shows them after the rename', () => {
    const t = moody('app', 't');
    const ref: Relation = {
      ...table('public', 'orders', 'postgres', ['id', 't_id']),
      constraints: [
        {
          name: 'orders_t_id_fkey',
          kind: 'foreign_key',
          columns: ['t_id'],
          definition: 'FOREIGN KEY (t_id) REFERENCES app.t(id)',
          foreignKey: {
            table: { schema: 'app', name: 't' },
            columns: ['id'],
            onUpdate: 'no_action',
            onDelete: 'no_action',
            match: 'simple',
          },
          deferrable: false,
          deferred: false,
          validated: true,
          index: null,
          inherited: false,
          comment: null,
        },
      ],
    };
    const body = { ...fn('app', 'count_t', 'postgres'), source: 'SELECT count(*) FROM app.t' };
    const a = model(['public', 'app'], [t, ref], {
      functions: [
        body,
        { ...body, name: 'atomic', sqlBody: 'BEGIN ATOMIC\n SELECT count(*) FROM app.t;\nEND' },
      ],
      grants: [grant('schema:app', 'web', 'USAGE'), grant('app.t', 'web', 'SELECT')],
      defaultPrivileges: [{ role: 'postgres', schema: 'app', objectType: 'tables', grants: [] }],
      dependencies: [
        {
          from: { kind: 'relation', schema: 'app', name: 't' },
          to: { kind: 'schema', schema: null, name: 'app' },
          kind: 'normal',
          via: 'direct',
        },
      ],
    });
    const r = renameSchemaIn(a, 'app', 'core');
    expect(r.schemas.map((s) => s.name)).toEqual(['public', 'core']);
    expect(r.relations[0]?.schema).toBe('core');
    expect(r.relations[0]?.columns[1]?.type.formatted).toBe('core.mood');
    expect(r.relations[1]?.constraints[0]?.definition).toBe('FOREIGN KEY (t_id) REFERENCES core.t(id)');
    expect(r.relations[1]?.constraints[0]?.foreignKey?.table).toEqual({ schema: 'core', name: 't' });
    // A string body is stored as written; a SQL-standard body is deparsed.
    expect(r.functions.map((f) => [f.schema, f.source, f.sqlBody])).toEqual([
      ['core', 'SELECT count(*) FROM app.t', undefined],
      ['core', 'SELECT count(*) FROM app.t', 'BEGIN ATOMIC\n SELECT count(*) FROM core.t;\nEND'],
    ]);
    expect(r.grants.map((g) => g.object)).toEqual([
      { kind: 'schema', schema: null, name: 'core' },
      { kind: 'relation', schema: 'core', name: 't' },
    ]);
    expect(r.defaultPrivileges[0]?.schema).toBe('core');
    expect(r.dependencies[0]?.to).toEqual({ kind: 'schema', schema: null, name: 'core' });
    // What names nothing of the schema is the same object.
    expect(r.relations[1]?.columns).toBe(a.relations[1]?.columns);
    expect(r.roles).toBe(a.roles);
  });

  it('classifies every string field of the model', () => {
    const keys = new Set<string>();
    const visit = (s: z.core.$ZodType, key: string): void => {
      if (s instanceof z.ZodString) keys.add(key);
      else if (s instanceof z.ZodObject)
        for (const [k, v] of Object.entries(s.shape as Record<string, z.core.$ZodType>)) visit(v, k);
      else if (s instanceof z.ZodArray) visit(s.element, key);
      else if (s instanceof z.ZodUnion) for (const o of s.options) visit(o, key);
      else if (s instanceof z.ZodReadonly || s instanceof z.ZodOptional || s instanceof z.ZodNullable)
        visit(s.unwrap(), key);
    };
    const catalog = catalogSchema.unwrap();
    for (const [part, walked] of Object.entries(MODEL_PARTS))
      if (walked) visit(catalog.shape[part as keyof Catalog], part);
    expect([...keys].filter((k) => !STRING_FIELDS.has(k))).toEqual([]);
    expect(Object.keys(MODEL_PARTS).sort()).toEqual(Object.keys(catalog.shape).sort());
  });
});

describe('diffModels with a renamed schema', () => {
  const a = model(['app'], tables('app', ['orders', 'items']));
  const b = model(['core'], tables('core', ['orders', 'items']));
  const sqls = (options = {}) => diffModels(a, b, options).statements.map((s) => s.sql);

  it('offers it, and without renames drops and creates as before', () => {
    const m = diffModels(a, b);
    expect(m.renameCandidates.map((c) => `${c.kind} ${c.from.name} → ${c.to.name}`)).toEqual([
      'schema app → core',
    ]);
    expect(sqls()).toContain('DROP SCHEMA app');
    expect(sqls()).toContain('DROP TABLE app.orders');
    expect(sqls().some((s) => s.startsWith('CREATE TABLE core.orders'))).toBe(true);
  });

  it('renames it when accepted, and nothing else is left to do', () => {
    expect(sqls({ renames: 'all' })).toEqual(['ALTER SCHEMA app RENAME TO core']);
    const m = diffModels(a, b, {
      renames: [
        {
          from: { kind: 'schema', schema: null, name: 'app' },
          to: { kind: 'schema', schema: null, name: 'core' },
        },
      ],
    });
    expect(m.statements.map((s) => s.sql)).toEqual(['ALTER SCHEMA app RENAME TO core']);
    // The rename carried out stays in the list (the studio keeps it ticked).
    expect(m.renameCandidates.map((c) => c.kind)).toEqual(['schema']);
  });

  it('renames it when both names are among the schemas asked for, and offers nothing with only one', () => {
    expect(sqls({ renames: 'all', schemas: ['app', 'core'] })).toEqual(['ALTER SCHEMA app RENAME TO core']);
    expect(diffModels(a, b, { renames: 'all', schemas: ['app'] }).renameCandidates).toEqual([]);
  });

  it('renames a table inside it after it, the table asked for under either schema name', () => {
    const b2 = model(
      ['core'],
      [...tables('core', ['orders']), table('core', 'articles', 'postgres', ['id', 'x'])],
    );
    expect(diffModels(a, b2, { renames: 'all' }).statements.map((s) => s.sql)).toEqual([
      'ALTER SCHEMA app RENAME TO core',
      'ALTER TABLE core.items RENAME TO articles',
    ]);
    const schema = {
      from: { kind: 'schema', schema: null, name: 'app' },
      to: { kind: 'schema', schema: null, name: 'core' },
    } as const;
    for (const from of ['app', 'core'])
      expect(
        diffModels(a, b2, {
          renames: [
            schema,
            {
              from: { kind: 'relation', schema: from, name: 'items' },
              to: { kind: 'relation', schema: 'core', name: 'articles' },
            },
          ],
        }).statements.map((s) => s.sql),
      ).toEqual(['ALTER SCHEMA app RENAME TO core', 'ALTER TABLE core.items RENAME TO articles']);
  });

  it('takes the changes in the renamed schema along when its rename is ticked out', () => {
    const t = table('core', 'orders', 'postgres', ['id', 'x', 'note']);
    const b2 = model(['core'], [t, ...tables('core', ['items'])]);
    const m = diffModels(a, b2, { renames: 'all', skip: ['schema:rename:app'] });
    expect(m.statements).toEqual([]);
    expect(m.skipped.map((x) => x.id).sort()).toEqual(['column:alter:core.orders', 'schema:rename:app']);
  });
});
