import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { seedDemo, DEMO_NAMES, type DemoNames } from '../../core/embedded/demo-seed.js';
import { superuserQuery, uniqueSuffix, type TestServer } from '../../test/pg.js';

export interface DemoDatabase {
  readonly host: string;
  readonly port: number;
  readonly names: DemoNames;
  readonly developerPassword: string;
  readonly superuser: string;
  readonly superuserPassword: string;
  /** Runs SQL in the demo database as the superuser: what a story plants before the user looks. */
  asSuperuser(sql: string): Promise<void>;
  /** Runs `work` on a connection of its own as the developer (the objects' owner), closed afterwards. */
  asDeveloper<T>(work: (client: pg.Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

/** The demo schema (sql/demo) in a fresh database of a test server, with suffixed cluster-wide roles. */
export async function seedDemoDatabase(server: TestServer): Promise<DemoDatabase> {
  const uri = new URL(server.superuserUri);
  const suffix = uniqueSuffix();
  const names: DemoNames = Object.fromEntries(
    Object.entries(DEMO_NAMES).map(([k, v]) => [k, `${v}_${suffix}`]),
  ) as unknown as DemoNames;
  const developerPassword = randomBytes(9).toString('base64url');
  const target = {
    host: uri.hostname,
    port: Number(uri.port),
    superuser: decodeURIComponent(uri.username),
    superuserPassword: decodeURIComponent(uri.password),
  };
  await seedDemo(
    target,
    { developer: developerPassword, authenticator: randomBytes(9).toString('base64url') },
    names,
  );
  return {
    host: target.host,
    port: target.port,
    names,
    developerPassword,
    superuser: target.superuser,
    superuserPassword: target.superuserPassword,
    asSuperuser: async (sql) => {
      await superuserQuery(server, sql, names.database);
    },
    asDeveloper: async (work) => {
      const client = new pg.Client({
        host: target.host,
        port: target.port,
        user: names.developer,
        password: developerPassword,
        database: names.database,
      });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
      for (const role of [names.developer, names.authenticator, names.anon, names.appUser, names.appAdmin]) {
        await superuserQuery(server, `DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
      }
    },
  };
}
