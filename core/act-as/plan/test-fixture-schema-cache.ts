/**
 * The conformance fixture's catalog model, read from a real database, and its schema cache, for the plan, render
 * and OpenAPI tests: fixture.sql is installed in a fresh database of the first test server (its cluster-wide roles
 * renamed with a unique suffix, so it never collides with the conformance runner loading the original), the
 * model is read, and the database and roles are dropped again.
 */
import { readFileSync } from 'node:fs';
import { conformanceFile } from '../../../test/conformance-dir.js';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
  type TestServer,
} from '../../../test/pg.js';
import { readCatalog } from '../../catalog/read-catalog.js';
import { schemaCacheFromCatalog } from '../schema-cache/derive.js';
import type { SchemaCache } from '../schema-cache/types.js';

export const FIXTURE_SQL = conformanceFile('fixture.sql');
const FIXTURE_ROLES = ['authenticator', 'anon', 'user', 'admin'] as const;

/** fixture.sql with its roles renamed `cf_<role>_<suffix>`, and those role names. */
export function fixtureWithOwnRoles(suffix: string): { sql: string; roles: string[] } {
  return {
    sql: readFileSync(FIXTURE_SQL, 'utf8').replace(
      /\bcf_(authenticator|anon|user|admin)\b/g,
      `cf_$1_${suffix}`,
    ),
    roles: FIXTURE_ROLES.map((r) => `cf_${r}_${suffix}`),
  };
}

/** A fresh database holding the fixture; `drop()` removes it and its roles. */
export async function fixtureDatabase(server: TestServer): Promise<TempDatabase & { roles: string[] }> {
  const { sql, roles } = fixtureWithOwnRoles(uniqueSuffix());
  const db = await createTempDatabase(server, 'gh_fixture');
  await superuserQuery(server, sql, db.name);
  return {
    ...db,
    roles,
    drop: async () => {
      await db.drop();
      for (const r of [...roles].reverse()) await superuserQuery(server, `DROP ROLE IF EXISTS "${r}"`);
    },
  };
}

/** The fixture's schema cache as the conformance config sees it (db-schemas = api, default extra search path). */
export function fixtureCacheOf(model: Catalog): SchemaCache {
  return schemaCacheFromCatalog(model, { schemas: ['api'], extraSearchPath: ['public'] });
}

let model: Catalog | null = null;
let cache: SchemaCache | null = null;

/** Reads the fixture's model from the first test server (once per test file). */
export async function loadFixtureSchemaCache(): Promise<SchemaCache> {
  if (cache !== null) return cache;
  const server = pgServers()[0];
  if (server === undefined) throw new Error('no test server: run with the pg project (GATEHOUSE_TEST_PG)');
  const db = await fixtureDatabase(server);
  try {
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    try {
      model = await readCatalog(client);
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
  }
  cache = fixtureCacheOf(model);
  return cache;
}

/** Registers the read in the calling test file's beforeAll: `fixtureSchemaCache()` then works in its tests. */
export function useFixtureSchemaCache(): void {
  beforeAll(async () => {
    await loadFixtureSchemaCache();
  });
  afterAll(() => {
    model = null;
    cache = null;
  });
}

/** The fixture's schema cache; the test file must call useFixtureSchemaCache() first. */
export function fixtureSchemaCache(): SchemaCache {
  if (cache === null)
    throw new Error('fixtureSchemaCache(): call useFixtureSchemaCache() at the top of the test file first');
  return cache;
}

/** The fixture's catalog model (after useFixtureSchemaCache()). */
export function fixtureModel(): Catalog {
  if (model === null)
    throw new Error('fixtureModel(): call useFixtureSchemaCache() at the top of the test file first');
  return model;
}
