import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningCluster } from '../core/embedded/cluster.js';
import { freePort } from '../core/embedded/free-port.js';

const PG15_BIN = process.env.GATEHOUSE_PG15_BIN ?? '/usr/lib/postgresql/15/bin';

export function debianPg15Available(): boolean {
  return existsSync(join(PG15_BIN, 'pg_ctl'));
}

/** Starts Debian's PostgreSQL 15 in a throw-away directory, as the OS user `postgres` when we are root. */
export async function startDebianPg15(password: string): Promise<RunningCluster> {
  if (!debianPg15Available()) {
    throw new Error(
      `PostgreSQL 15 not found in ${PG15_BIN}: run \`apt-get install -y postgresql-15\` (.ci/run does).`,
    );
  }
  return startPgBinaries(PG15_BIN, password);
}

/** Starts the PostgreSQL whose initdb/postgres/pg_ctl are in `BIN` (Debian's 15, or an npm-shipped older major). */
export async function startPgBinaries(BIN: string, password: string): Promise<RunningCluster> {
  if (!existsSync(join(BIN, 'pg_ctl'))) throw new Error(`No PostgreSQL binaries in ${BIN}.`);
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, password + '\n', { mode: 0o644 });
  const asPostgres = (cmd: string, args: string[]) => {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    return root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  };
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPostgres(cmd, args) as [string, string[]];
    execFileSync(c, a, { stdio: 'pipe' });
  };
  run(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--encoding=UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const [c, a] = asPostgres(join(BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${root}`,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]) as [string, string[]];
  const child = spawn(c, a, { stdio: 'ignore', detached: false });
  const uri = (database = 'postgres') =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  // Wait for it to accept connections.
  const pg = (await import('pg')).default;
  let version = 'unknown';
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: uri() });
    try {
      await client.connect();
      version =
        (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ??
        version;
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    version,
    uri,
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      run(join(BIN, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
