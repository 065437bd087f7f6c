import { GatehouseError } from '../../shared/errors.js';

/** One line of a libpq password file: hostname:port:database:username:password, `*` matching anything. */
export interface PgpassEntry {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly line: number;
}

/** Splits on unescaped ':' and undoes the `\:` and `\\` escapes libpq defines. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      current += line[i + 1];
      i++;
    } else if (c === ':') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields;
}

/**
 * Parses a password file. libpq silently skips bad lines; we refuse them with GH104 naming the file and
 * line, because a silently ignored line is the usual reason "my .pgpass does not work".
 */
export function parsePgpass(text: string, file: string): PgpassEntry[] {
  const entries: PgpassEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || line.trimStart().startsWith('#')) return;
    const fields = splitFields(line);
    if (fields.length < 5) {
      throw new GatehouseError('GH104', `Line ${index + 1} of the password file ${file} is malformed.`, {
        details: `Expected hostname:port:database:username:password (5 fields), found ${fields.length}.`,
        hint: 'Fix or remove that line; escape a literal ":" or "\\" in a field as "\\:" or "\\\\".',
      });
    }
    const [host, port, database, user, ...rest] = fields as [string, string, string, string, ...string[]];
    // A ':' inside the password that was not escaped: libpq keeps everything after the fourth separator.
    entries.push({ host, port, database, user, password: rest.join(':'), line: index + 1 });
  });
  return entries;
}

const matches = (pattern: string, value: string) => pattern === '*' || pattern === value;

/** The first matching entry's password, as libpq does; socket connections match the host `localhost`. */
export function lookupPgpass(
  entries: readonly PgpassEntry[],
  target: { host: string; port: number; database: string; user: string },
): PgpassEntry | undefined {
  const host = target.host === '' || target.host.startsWith('/') ? 'localhost' : target.host;
  return entries.find(
    (e) =>
      matches(e.host, host) &&
      matches(e.port, String(target.port)) &&
      matches(e.database, target.database) &&
      matches(e.user, target.user),
  );
}

/** libpq ignores a password file that group or others may read or write (not checked on Windows). */
export function pgpassModeProblem(mode: number, file: string, platform: NodeJS.Platform): string | null {
  if (platform === 'win32') return null;
  if ((mode & 0o170000) !== 0o100000) return `The password file ${file} is not a plain file; it was ignored.`;
  if ((mode & 0o077) !== 0) {
    return `The password file ${file} has group or world access; it was ignored, as libpq does. Run: chmod 0600 ${file}`;
  }
  return null;
}
