import { readFileSync } from 'node:fs';
import { conformanceFile } from '../../../test/conformance-dir.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { planRequest } from '../plan/index.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { fixtureCacheOf } from '../plan/fixture-schema-cache.js';
import { fixtureSchemaCache, request, testConfig, useFixtureSchemaCache } from '../plan/test-helpers.js';
import type { SchemaCache } from '../schema-cache/types.js';
import { renderPlan } from './index.js';
import { specs } from './render-specs.js';

// The only test file of the plan/render/schema-cache modules that loads the conformance fixture. Its roles are
// cluster-wide, so they are renamed with a unique suffix here: the conformance runner may load the original
// fixture on the same server at the same time. Statements run as the admin role in a rolled-back transaction.
const FIXTURE = conformanceFile('fixture.sql');
const suffix = uniqueSuffix();
const ROLES = ['authenticator', 'anon', 'user', 'admin'].map((r) => `cf_${r}_${suffix}`);
const ADMIN = `cf_admin_${suffix}`;

function fixtureWithOwnRoles(): string {
  return readFileSync(FIXTURE, 'utf8').replace(/\bcf_(authenticator|anon|user|admin)\b/g, `cf_$1_${suffix}`);
}

const bodies: Record<string, { body: unknown; pageTotal: number; total?: number; header?: string[] }> = {
  'read with a to-one embed and a filter': {
    body: [{ name: 'Apollo', teams: { name: 'Platform' } }],
    pageTotal: 1,
  },
  'many-to-many with embedded order and a range': {
    body: [
      { id: 2, labels: [{ name: 'backend' }, { name: 'urgent' }] },
      { id: 3, labels: [{ name: 'backend' }] },
      { id: 4, labels: [{ name: 'ops' }] },
    ],
    pageTotal: 3,
  },
  'json paths, casts and aliases': {
    body: [
      { member: 1, email: 'true', lang: 'en', id_text: '1' },
      { member: 2, email: 'false', lang: 'en', id_text: '2' },
    ],
    pageTotal: 2,
  },
  'inner join, spread and a computed relationship': {
    body: [
      { id: 1, team: 'Platform', manager: null, profiles: { timezone: 'Europe/Paris' } },
      { id: 2, team: 'Platform', manager: { display_name: 'Alice Liddell' }, profiles: { timezone: 'UTC' } },
      {
        id: 3,
        team: 'Growth',
        manager: { display_name: 'Alice Liddell' },
        profiles: { timezone: 'America/New_York' },
      },
    ],
    pageTotal: 3,
  },
  'exact count with a limit': { body: [{ id: 1 }], pageTotal: 1, total: 4 },
  csv: { body: 'id,name\n1,Platform\n2,Growth\n3,Research', pageTotal: 3 },
  'insert returning headers-only': { body: '', pageTotal: 1, header: ['id=eq.6'] },
  'upsert merge-duplicates with representation': {
    body: [
      { id: 1, name: 'critical' },
      { id: 6, name: 'docs' },
    ],
    pageTotal: 2,
  },
  'update with a filter': { body: [{ id: 3, done: true }], pageTotal: 1 },
  'delete minimal': { body: '', pageTotal: 1 },
  'rpc with query-string arguments': { body: 5, pageTotal: 1 },
  'rpc variadic': { body: 6, pageTotal: 1 },
  'rpc returning a set of rows with an embed': {
    body: [
      { id: 1, projects: { name: 'Apollo' } },
      { id: 6, projects: { name: 'Comet' } },
      { id: 10, projects: { name: 'Borealis' } },
    ],
    pageTotal: 3,
  },
  'rpc with a single unnamed jsonb parameter': { body: { keys: ['alpha', 'zeta'], count: 2 }, pageTotal: 1 },
};

function relationshipSummary(sc: SchemaCache): string[] {
  return [...sc.relationships.values()].flat().map((r) => {
    const card = r.kind === 'computed' ? `computed:${r.function.name}` : r.cardinality.kind;
    return `${r.table.name}->${r.foreignTable.name}:${card}`;
  });
}

useFixtureSchemaCache();

describe.each(pgServers())('rendered statements on $label', (server) => {
  let db: TempDatabase;
  let client: pg.Client;
  const deriveHere = async (): Promise<SchemaCache> => fixtureCacheOf(await readCatalog(client));

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_render');
    client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    await client.query(fixtureWithOwnRoles());
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    for (const r of [...ROLES].reverse()) await superuserQuery(server, `DROP ROLE IF EXISTS "${r}"`);
  });

  it('the schema cache derived here finds the fixture relationships (views, M2M, computed)', async () => {
    const sc = await deriveHere();
    expect(relationshipSummary(sc)).toEqual(relationshipSummary(fixtureSchemaCache()));
    expect(relationshipSummary(sc)).toContain('open_tasks->members:M2O');
    expect(relationshipSummary(sc)).toContain('tasks->labels:M2M');
    expect(relationshipSummary(sc)).toContain('members->members:computed:manager');
    expect(sc.tables.get('api\u0000open_tasks')?.pk).toEqual(['id']);
  });

  it('follows view columns whose names need quoting back to their base table', async () => {
    await client.query(
      'CREATE VIEW api.odd_projects AS SELECT id AS "the id", team_id AS "team ""x"" id\\" FROM api.projects',
    );
    try {
      const sc = await deriveHere();
      const rels = sc.relationships.get('api\u0000odd_projects') ?? [];
      const m2o = rels.find((r) => r.foreignTable.name === 'teams');
      expect(m2o?.kind === 'fk' && m2o.cardinality).toMatchObject({
        kind: 'M2O',
        columns: [['team "x" id\\', 'id']],
      });
      expect(sc.tables.get('api\u0000odd_projects')?.pk).toEqual(['the id']);
    } finally {
      await client.query('DROP VIEW api.odd_projects');
    }
  });

  for (const [name, spec] of Object.entries(specs)) {
    it(name, async () => {
      const req = request(spec);
      const p = planRequest(req, fixtureSchemaCache(), testConfig);
      if (!p.ok || p.value.type === 'info') throw new Error('plan failed');
      const st = renderPlan(p.value, {
        preferences: req.preferences,
        topLevelRange: req.topLevelRange,
        onConflictGiven: false,
        maxRows: null,
      });
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL ROLE "${ADMIN}"`);
        const row = (await client.query(st.sql, [...st.params])).rows[0] as Record<string, unknown>;
        const want = bodies[name]!;
        const body = String(row.body);
        expect(typeof want.body === 'string' ? body : JSON.parse(body)).toEqual(want.body);
        expect(Number(row.page_total)).toBe(want.pageTotal);
        if (want.total !== undefined) expect(Number(row.total_result_set)).toBe(want.total);
        if (want.header !== undefined) expect(row.header).toEqual(want.header);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }
});
