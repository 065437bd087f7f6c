import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { lookupPgpass, parsePgpass, pgpassModeProblem } from './pgpass.js';

describe('parsePgpass / lookupPgpass', () => {
  const text = [
    '# comment',
    '',
    'db.example.com:5432:app:ann:first',
    'db.example.com:*:*:ann:second',
    'localhost:5432:*:*:local\\:pw\\\\x',
    '*:*:*:bob:with:colon',
  ].join('\n');
  const entries = parsePgpass(text, '/home/ann/.pgpass');

  it('skips comments and blank lines and keeps line numbers', () => {
    expect(entries.map((e) => e.line)).toEqual([3, 4, 5, 6]);
  });

  it('takes the first matching line, with * as a wildcard', () => {
    const t = { host: 'db.example.com', port: 5432, database: 'app', user: 'ann' };
    expect(lookupPgpass(entries, t)?.password).toBe('first');
    expect(lookupPgpass(entries, { ...t, database: 'other' })?.password).toBe('second');
    expect(lookupPgpass(entries, { ...t, user: 'carl' })).toBeUndefined();
  });

  it('undoes \\: and \\\\ escapes and keeps unescaped colons of the password', () => {
    expect(lookupPgpass(entries, { host: 'localhost', port: 5432, database: 'x', user: 'z' })?.password).toBe(
      'local:pw\\x',
    );
    expect(lookupPgpass(entries, { host: 'other', port: 1, database: 'x', user: 'bob' })?.password).toBe(
      'with:colon',
    );
  });

  it('matches a Unix-socket connection against localhost', () => {
    expect(
      lookupPgpass(entries, { host: '/var/run/postgresql', port: 5432, database: 'x', user: 'z' })?.password,
    ).toBe('local:pw\\x');
  });

  it('refuses a malformed line with GH104 naming the file and line', () => {
    try {
      parsePgpass('ok:1:2:3:4\n# c\nbroken:line\n', '/etc/pw');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatehouseError);
      expect((error as GatehouseError).code).toBe('GH104');
      expect((error as GatehouseError).message).toBe('Line 3 of the password file /etc/pw is malformed.');
    }
  });
});

describe('pgpassModeProblem', () => {
  it('accepts 0600 and 0400, refuses group/world access and non-files like libpq, skips Windows', () => {
    expect(pgpassModeProblem(0o100600, '/f', 'linux')).toBeNull();
    expect(pgpassModeProblem(0o100400, '/f', 'linux')).toBeNull();
    expect(pgpassModeProblem(0o100644, '/f', 'linux')).toMatch(/group or world access.*chmod 0600 \/f/);
    expect(pgpassModeProblem(0o100620, '/f', 'darwin')).toMatch(/group or world/);
    expect(pgpassModeProblem(0o040700, '/f', 'linux')).toMatch(/not a plain file/);
    expect(pgpassModeProblem(0o100666, '/f', 'win32')).toBeNull();
  });
});
