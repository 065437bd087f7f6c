import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionParams } from '../../shared/model/connection.js';
import { startEmbeddedCluster, type RunningCluster } from './cluster.js';
import { DEMO_NAMES, seedDemo } from './demo-seed.js';
import { loadSecrets, saveSecrets } from './embedded-secrets.js';
import { freePort, isPortFree } from './free-port.js';
import { writePostgrestConf } from './postgrest-conf.js';

export interface EmbeddedDefault {
  readonly cluster: RunningCluster;
  /** Connection parameters for the demo as `developer` (the owner role, not a superuser). */
  readonly developer: ConnectionParams;
  readonly postgrestConfFile: string;
  /** True on the very first start, when the cluster was initialised and the demo seeded. */
  readonly firstRun: boolean;
  stop(): Promise<void>;
}

/**
 * The zero-configuration database behind `gatehouse start`: an embedded PostgreSQL 18 in
 * `<data dir>/embedded` (kept between runs), the demo database seeded on first run, and a matching
 * postgrest.conf beside it.
 */
export async function startEmbeddedDefault(options: {
  readonly dataDir: string;
  readonly onLog?: (line: string) => void;
}): Promise<EmbeddedDefault> {
  const dir = join(options.dataDir, 'embedded');
  const pgData = join(dir, 'data');
  const secretsFile = join(dir, 'secrets.json');
  const firstRun = !existsSync(join(pgData, 'PG_VERSION'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const secrets = await loadSecrets(secretsFile, firstRun);
  const port =
    secrets.port !== undefined && (await isPortFree(secrets.port)) ? secrets.port : await freePort();
  if (port !== secrets.port) await saveSecrets(secretsFile, { ...secrets, port });
  const cluster = await startEmbeddedCluster({
    dataDir: pgData,
    port,
    password: secrets.superuserPassword,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  try {
    await seedDemo(
      {
        host: cluster.host,
        port: cluster.port,
        superuser: cluster.user,
        superuserPassword: secrets.superuserPassword,
      },
      { developer: secrets.developerPassword, authenticator: secrets.authenticatorPassword },
    );
    const postgrestConfFile = join(dir, 'postgrest.conf');
    await writePostgrestConf(postgrestConfFile, {
      host: cluster.host,
      port: cluster.port,
      database: DEMO_NAMES.database,
      authenticator: DEMO_NAMES.authenticator,
      authenticatorPassword: secrets.authenticatorPassword,
      schemas: 'api',
      anonRole: DEMO_NAMES.anon,
      jwtSecret: secrets.jwtSecret,
    });
    return {
      cluster,
      developer: {
        host: cluster.host,
        port: cluster.port,
        user: DEMO_NAMES.developer,
        password: secrets.developerPassword,
        database: DEMO_NAMES.database,
        sslmode: 'disable',
      },
      postgrestConfFile,
      firstRun,
      stop: () => cluster.stop(),
    };
  } catch (error) {
    await cluster.stop().catch(() => undefined);
    throw error;
  }
}
