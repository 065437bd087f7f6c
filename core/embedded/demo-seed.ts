import type pg from 'pg';
import { sqlFile } from '../db/sql-files.js';
import { createClient } from '../db/pool.js';
import { quoteIdent } from '../ddl/quote.js';

/** Names the demo uses; tests give them a suffix because roles are cluster-wide. */
export interface DemoNames {
  readonly database: string;
  readonly authenticator: string;
  readonly anon: string;
  readonly appUser: string;
  readonly appAdmin: string;
  readonly developer: string;
}

export const DEMO_NAMES: DemoNames = {
  database: 'gatehouse_demo',
  authenticator: 'authenticator',
  anon: 'anon',
  appUser: 'app_user',
  appAdmin: 'app_admin',
  developer: 'developer',
};

export interface DemoPasswords {
  readonly developer: string;
  readonly authenticator: string;
}

export interface SeedTarget {
  readonly host: string;
  readonly port: number;
  readonly superuser: string;
  readonly superuserPassword: string;
}

/** The demo SQL files name roles as quoted identifiers ("anon"…); this maps them to `names`. */
export function demoSql(file: string, names: DemoNames = DEMO_NAMES): string {
  const map: Record<string, string> = {
    gatehouse_demo: names.database,
    authenticator: names.authenticator,
    anon: names.anon,
    app_user: names.appUser,
    app_admin: names.appAdmin,
    developer: names.developer,
  };
  return sqlFile(`demo/${file}`).replace(
    /"(gatehouse_demo|authenticator|anon|app_user|app_admin|developer)"/g,
    (_m, name: string) => quoteIdent(map[name] ?? name),
  );
}

function client(target: SeedTarget, user: string, password: string, database: string): pg.Client {
  return createClient({ host: target.host, port: target.port, user, password, database, ssl: false });
}

/**
 * Creates (or refreshes the passwords of) the demo roles, and on first run the demo database with its
 * schema and rows. Returns whether the database was created now.
 */
export async function seedDemo(
  target: SeedTarget,
  passwords: DemoPasswords,
  names: DemoNames = DEMO_NAMES,
): Promise<{ created: boolean }> {
  const su = client(target, target.superuser, target.superuserPassword, 'postgres');
  await su.connect();
  let created = false;
  try {
    const seed = JSON.stringify({
      developer: names.developer,
      authenticator: names.authenticator,
      anon: names.anon,
      app_user: names.appUser,
      app_admin: names.appAdmin,
      developer_password: passwords.developer,
      authenticator_password: passwords.authenticator,
    });
    await su.query("SELECT set_config('gatehouse.seed', $1, false)", [seed]);
    try {
      await su.query(demoSql('01-roles.sql', names));
    } finally {
      await su.query('RESET gatehouse.seed');
    }
    const { rowCount } = await su.query('SELECT FROM pg_catalog.pg_database WHERE datname = $1', [
      names.database,
    ]);
    if (rowCount === 0) {
      await su.query(demoSql('02-database.sql', names));
      created = true;
    }
  } finally {
    await su.end();
  }
  if (!created) return { created };
  const dev = client(target, names.developer, passwords.developer, names.database);
  await dev.connect();
  try {
    await dev.query('BEGIN');
    await dev.query(demoSql('03-schema.sql', names));
    await dev.query(demoSql('04-data.sql', names));
    await dev.query('COMMIT');
  } catch (error) {
    await dev.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await dev.end();
  }
  return { created };
}
