import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { quoteIdent } from '../shared/sql/quote-ident.js';

export interface TestServer {
  readonly label: string;
  readonly major: number;
  /** Superuser URI of the server's `postgres` database. */
  readonly superuserUri: string;
}

/** The servers started by test/pg-global-setup.ts, for `describe.each(pgServers())`. */
export function pgServers(): TestServer[] {
  return inject('pgServers');
}

/**
 * Whether `server` is the newest of the run: tests of what does not depend on the server's version (the HTTP
 * transport over the simulator) run there only, their version-dependent part running on every server.
 */
export function isNewestServer(server: TestServer): boolean {
  return server.major === Math.max(...pgServers().map((s) => s.major));
}

/**
 * The newest server alone, for the CLI's tests: a command only wires core to the process (arguments, output,
 * exit status), and the core behaviour it wires is tested on every server.
 */
export function newestServerOnly(): TestServer[] {
  return pgServers().filter(isNewestServer);
}

export function withDatabase(uri: string, database: string): string {
  const u = new URL(uri);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

/** Runs SQL as the superuser on one database of the server. */
export async function superuserQuery(
  server: TestServer,
  sql: string,
  database = 'postgres',
  params: readonly unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: withDatabase(server.superuserUri, database) });
  await client.connect();
  try {
    return await client.query(sql, [...params]);
  } finally {
    await client.end();
  }
}

export interface TempDatabase {
  readonly name: string;
  /** Superuser URI of the new database. */
  readonly uri: string;
  drop(): Promise<void>;
}

/** A fresh database with a unique name; `drop()` it in afterAll. Role names are cluster-wide: make them unique too. */
export async function createTempDatabase(server: TestServer, prefix = 'gh_test'): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await superuserQuery(server, `CREATE DATABASE ${quoteIdent(name)}`);
  return {
    name,
    uri: withDatabase(server.superuserUri, name),
    drop: async () => {
      await superuserQuery(server, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}

/** A unique suffix for cluster-wide names (roles) so parallel test files never collide. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}
