import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionParams } from '../../shared/model/connection.js';
import pg from 'pg';
import { startEmbeddedCluster, type RunningCluster } from './cluster.js';
import { DEMO_NAMES, seedDemo } from './demo-seed.js';
import { loadSecrets, saveSecrets } from './embedded-secrets.js';
import { freePort, isPortFree } from './free-port.js';
import { isOrphaned, livePostmaster, stopPostmaster } from './postmaster.js';
import { writePostgrestConf } from './postgrest-conf.js';
import { writeDemoPassfile } from './demo-passfile.js';

export interface EmbeddedDefault {
  readonly cluster: RunningCluster;
  /** Connection parameters for the demo as `developer` (the owner role, not a superuser). */
  readonly developer: ConnectionParams;
  readonly postgrestConfFile: string;
  /** A libpq URI for the demo as developer that works as printed: the password comes from a 0600 passfile. */
  readonly developerUri: string;
  /** True on the very first start, when the cluster was initialised and the demo seeded. */
  readonly firstRun: boolean;
  /** True when another running Gatehouse had already started this cluster; stop() then leaves it running. */
  readonly adopted: boolean;
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
  let live = livePostmaster(pgData);
  if (live && isOrphaned(live.pid)) {
    // Left behind by a Gatehouse that was killed: shut it down cleanly and start our own.
    await stopPostmaster(live.pid);
    live = null;
  }
  let cluster: RunningCluster;
  if (live) {
    cluster = await adoptCluster(live.port, secrets.superuserPassword);
  } else {
    const port =
      secrets.port !== undefined && (await isPortFree(secrets.port)) ? secrets.port : await freePort();
    if (port !== secrets.port) await saveSecrets(secretsFile, { ...secrets, port });
    cluster = await startEmbeddedCluster({
      dataDir: pgData,
      port,
      password: secrets.superuserPassword,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
  }
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
    const developer: ConnectionParams = {
      host: cluster.host,
      port: cluster.port,
      user: DEMO_NAMES.developer,
      password: secrets.developerPassword,
      database: DEMO_NAMES.database,
      sslmode: 'disable',
    };
    const developerUri = await writeDemoPassfile(join(dir, 'developer.pgpass'), developer);
    return {
      cluster,
      developer,
      developerUri,
      postgrestConfFile,
      firstRun,
      adopted: live !== null,
      stop: () => cluster.stop(),
    };
  } catch (error) {
    await cluster.stop().catch(() => undefined);
    throw error;
  }
}

/** The cluster another Gatehouse process started on this data dir: used as is, never stopped by us. */
async function adoptCluster(port: number, password: string): Promise<RunningCluster> {
  const host = '127.0.0.1';
  const client = new pg.Client({ host, port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      host,
      port,
      user: 'postgres',
      password,
      version: rows[0]?.server_version ?? 'unknown',
      uri: (database = 'postgres') =>
        `postgresql://postgres:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(database)}`,
      stop: async () => undefined,
    };
  } finally {
    await client.end();
  }
}
