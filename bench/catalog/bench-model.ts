import { readFileSync } from 'node:fs';
import pg from 'pg';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { generateCatalog, LARGE } from './generate.js';

/** A login role that may become every generated role (they form one chain): the advisor's worst case. */
export const BENCH_AUTHENTICATOR = 'bench_auth';

let shared: Promise<Catalog> | undefined;

/**
 * The model of the 5,000-table bench catalog, generated in a fresh embedded PostgreSQL 18 and read once per
 * `npm run bench` (generating takes most of a minute; the benches that only need the model share it). Callers
 * measure on copies (`{ ...model }`), so that no cache built by one bench helps the next. GATEHOUSE_BENCH_CATALOG_JSON
 * names a JSON dump of such a model instead, to iterate quickly on one bench.
 */
export function benchModel(log: (line: string) => void): Promise<Catalog> {
  shared ??= load(log);
  return shared;
}

async function load(log: (line: string) => void): Promise<Catalog> {
  const dump = process.env.GATEHOUSE_BENCH_CATALOG_JSON;
  if (dump) return JSON.parse(readFileSync(dump, 'utf8')) as Catalog;
  log('generating the bench catalog in a fresh embedded PostgreSQL 18…');
  const generated = await generateCatalog(LARGE);
  try {
    const client = new pg.Client({ connectionString: generated.uri });
    await client.connect();
    try {
      await client.query(
        `CREATE ROLE ${BENCH_AUTHENTICATOR} LOGIN NOINHERIT; GRANT bench_r${LARGE.roles} TO ${BENCH_AUTHENTICATOR};`,
      );
      return await readCatalog(client);
    } finally {
      await client.end();
    }
  } finally {
    await generated.dispose();
  }
}
