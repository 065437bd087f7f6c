import { chmod, writeFile } from 'node:fs/promises';

export interface PostgrestConfInput {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly authenticator: string;
  readonly authenticatorPassword: string;
  readonly schemas: string;
  readonly anonRole: string;
  readonly jwtSecret: string;
}

/** A PostgREST config value: double-quoted, with backslashes and quotes escaped. */
const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The postgrest.conf that serves the demo database exactly as the studio sees it. */
export function postgrestConf(input: PostgrestConfInput): string {
  const uri = `postgres://${encodeURIComponent(input.authenticator)}:${encodeURIComponent(input.authenticatorPassword)}@${input.host}:${input.port}/${encodeURIComponent(input.database)}`;
  return [
    '# Written by `gatehouse start` for the embedded demo database. Run: postgrest postgrest.conf',
    '# Secrets are generated per install; keep this file private (mode 0600).',
    `db-uri = ${quote(uri)}`,
    `db-schemas = ${quote(input.schemas)}`,
    `db-anon-role = ${quote(input.anonRole)}`,
    `jwt-secret = ${quote(input.jwtSecret)}`,
    // Cookie sessions (sql/demo/05-sessions.sql): `Cookie: session=alice-session` acts as alice.
    'db-pre-request = "app.check_session"',
    'db-pool = 10',
    'server-host = "127.0.0.1"',
    'server-port = 3000',
    '',
  ].join('\n');
}

export async function writePostgrestConf(file: string, input: PostgrestConfInput): Promise<void> {
  await writeFile(file, postgrestConf(input), { mode: 0o600 });
  await chmod(file, 0o600);
}
