import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedCluster, type RunningCluster } from '../../core/embedded/cluster.js';

export interface CatalogSize {
  readonly roles: number;
  readonly schemas: number;
  readonly tables: number;
  readonly policies: number;
}

/** The size point 9 asks for: 5,000 tables × 10 columns, 2,000 policies, 300 roles, 10,000 table grants. */
export const LARGE: CatalogSize = { roles: 300, schemas: 10, tables: 5000, policies: 2000 };

export interface GeneratedCatalog {
  readonly cluster: RunningCluster;
  readonly uri: string;
  readonly generateMs: number;
  dispose(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Starts a throw-away embedded PG18 cluster and fills a fresh database with a catalog of `size`. */
export async function generateCatalog(size: CatalogSize = LARGE): Promise<GeneratedCatalog> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedCluster({ dataDir: join(dir, 'data'), password: 'bench' });
  const dispose = async () => {
    await cluster.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const admin = new pg.Client({ connectionString: cluster.uri() });
    await admin.connect();
    await admin.query('CREATE DATABASE gh_bench');
    await admin.end();
    const uri = cluster.uri('gh_bench');
    const client = new pg.Client({ connectionString: uri });
    await client.connect();
    const started = performance.now();
    try {
      for (const [key, value] of Object.entries(size)) {
        await client.query('SELECT pg_catalog.set_config($1, $2, false)', [`bench.${key}`, String(value)]);
      }
      await client.query(readFileSync(join(here, 'generate.sql'), 'utf8'));
      // Settle the database as autovacuum eventually would (statistics, visibility maps), so the reads
      // are measured against a steady catalog and not alongside a vacuum of 5,000 fresh tables.
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
    return { cluster, uri, generateMs: performance.now() - started, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
