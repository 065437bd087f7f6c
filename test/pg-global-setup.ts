import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import type { RunningCluster } from '../core/embedded/cluster.js';
import { ensurePostgresUser, pgBinDir, startPgBinaries, wantedMajors } from './pg-binaries.js';
import type { TestServer } from './pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServers: TestServer[];
  }
}

/**
 * Starts the PostgreSQL servers every `*.pg.test.ts` runs against: 14 (the oldest supported) to 18, all from npm
 * packages (test/pg-binaries.ts), each in a temp dir on a port of its own. GATEHOUSE_TEST_PG=15,18 narrows the set
 * for a quick local run. The e2e stories drive one database, so their project starts 18 alone unless told otherwise.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const majors = wantedMajors(process.env.GATEHOUSE_TEST_PG, project.name === 'e2e' ? [18] : undefined);
  const password = randomBytes(12).toString('hex');
  ensurePostgresUser();
  const started = await Promise.allSettled(
    majors.map(async (major) => startPgBinaries(await pgBinDir(major), password)),
  );
  const clusters = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(clusters.map((c: RunningCluster) => c.stop().catch(() => undefined)));
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const servers: TestServer[] = majors.map((major, i) => ({
    label: `pg${major}`,
    major,
    superuserUri: clusters[i]!.uri(),
  }));
  project.provide('pgServers', servers);
  return stopAll;
}
