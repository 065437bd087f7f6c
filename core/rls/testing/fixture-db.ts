import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { conformanceFile } from '../../../test/conformance-dir.js';
import {
  createTempDatabase,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
  type TestServer,
} from '../../../test/pg.js';

/**
 * The conformance corpus fixture in a fresh database, its cluster-wide roles renamed with a unique suffix so
 * parallel test files never collide (tests only). `config` is its postgrest.conf with the roles renamed.
 */
export interface RlsFixture {
  readonly db: TempDatabase;
  readonly role: (name: 'anon' | 'user' | 'admin' | 'authenticator') => string;
  readonly configText: string;
  writeConfig(dir: string): string;
  connect(): Promise<pg.Client>;
  drop(): Promise<void>;
}

export async function createRlsFixture(server: TestServer): Promise<RlsFixture> {
  const suffix = uniqueSuffix();
  const rename = (text: string) => text.replace(/\bcf_(authenticator|anon|user|admin)\b/g, `cf_$1_${suffix}`);
  const db = await createTempDatabase(server, 'gh_rls');
  await superuserQuery(server, rename(readFileSync(conformanceFile('fixture.sql'), 'utf8')), db.name);
  const configText = rename(readFileSync(conformanceFile('postgrest.conf'), 'utf8'));
  return {
    db,
    role: (name) => `cf_${name}_${suffix}`,
    configText,
    writeConfig(dir) {
      const path = join(dir, 'postgrest.conf');
      writeFileSync(path, configText);
      return path;
    },
    async connect() {
      const client = new pg.Client({ connectionString: db.uri });
      await client.connect();
      return client;
    },
    async drop() {
      await db.drop();
      for (const r of ['authenticator', 'anon', 'user', 'admin'])
        await superuserQuery(server, `DROP ROLE IF EXISTS "cf_${r}_${suffix}"`);
    },
  };
}

/** md5 of every table's rows in schema `api`: equal before and after means nothing changed. */
export async function checksumTables(client: pg.ClientBase): Promise<Record<string, string>> {
  const tables = await client.query<{ t: string }>(
    "select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname in ('api', 'app') order by 1",
  );
  const out: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const r = await client.query<{ h: string | null }>(
      `select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${t} x`,
    );
    out[t] = r.rows[0]?.h ?? '';
  }
  return out;
}
