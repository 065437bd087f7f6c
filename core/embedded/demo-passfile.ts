import { chmod, writeFile } from 'node:fs/promises';
import type { ConnectionParams } from '../../shared/model/connection.js';

/** Escapes one ~/.pgpass field (libpq: backslash and colon are escaped with a backslash). */
function field(value: string): string {
  return value.replace(/[\\:]/g, (c) => `\\${c}`);
}

/**
 * Writes a password file (mode 0600) for the demo's developer role and returns a libpq URI that reads it
 * through `passfile=`: a connection string that works as printed, without a password in it.
 */
export async function writeDemoPassfile(file: string, params: ConnectionParams): Promise<string> {
  const { host, port, database, user, password } = params;
  if (!host || !port || !database || !user || !password)
    throw new Error('writeDemoPassfile needs host, port, database, user and password');
  await writeFile(file, [host, String(port), database, user, password].map(field).join(':') + '\n', {
    mode: 0o600,
  });
  await chmod(file, 0o600); // writeFile's mode applies only when it creates the file.
  const uri = new URL(
    `postgresql://${encodeURIComponent(user)}@${host}:${port}/${encodeURIComponent(database)}`,
  );
  uri.searchParams.set('sslmode', 'disable');
  uri.searchParams.set('passfile', file);
  return uri.toString();
}
