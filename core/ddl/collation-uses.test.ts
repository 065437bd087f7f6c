import { describe, expect, it } from 'vitest';
import type { Catalog, Collation, Constraint, Relation } from '../../shared/model/catalog.js';
import { smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { collationUses } from './database-ddl.js';

const ci: Collation = {
  schema: 'app',
  name: 'ci',
  owner: 'postgres',
  provider: 'icu',
  deterministic: false,
  locale: 'und-u-ks-level2',
  collate: null,
  ctype: null,
  icuRules: null,
  version: null,
  comment: null,
  extension: null,
};

const check = (name: string): Constraint => ({
  name,
  kind: 'check',
  columns: [],
  definition: `CHECK (((id)::text COLLATE app.ci) <> 'x'::text)`,
  foreignKey: null,
  deferrable: false,
  deferred: false,
  validated: true,
  index: null,
  inherited: false,
  comment: null,
});

// The diff recreates what spells a collation rebuilt under it by the edge's `via`: a column moves with ALTER TYPE
// (direct), a constraint or policy is dropped and added again; an INHERITS child's copy of its parent's check
// goes and comes back with the parent's.
describe('collationUses', () => {
  const parent: Relation = {
    ...table('app', 'people', 'postgres', ['id', 'name']),
    columns: table('app', 'people', 'postgres', ['id', 'name']).columns.map((c) =>
      c.name === 'name' ? { ...c, collation: 'ci', collationSchema: 'app' } : c,
    ),
    constraints: [check('not_x')],
  };
  const child: Relation = {
    ...table('app', 'staff', 'postgres', ['id']),
    inherits: [{ schema: 'app', name: 'people' }],
    constraints: [check('not_x')],
  };
  const model: Catalog = {
    ...smallCatalog({ roles: [], relations: [parent, child] }),
    collations: [ci],
    policies: [
      {
        schema: 'app',
        table: 'staff',
        name: 'p',
        permissive: true,
        command: 'ALL',
        roles: [{ kind: 'public' }],
        using: `((id)::text COLLATE app.ci) <> 'bob'::text`,
        withCheck: null,
        comment: null,
      },
    ],
  };

  it('tags each use with what carries it, leaving out a child’s inherited check', () => {
    expect(collationUses(model).map((e) => `${e.from.name} ${e.via}`)).toEqual([
      'people direct',
      'people constraint',
      'staff policy',
    ]);
  });
});
