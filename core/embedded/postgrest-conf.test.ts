import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecrets } from './embedded-secrets.js';
import { postgrestConf } from './postgrest-conf.js';

describe('postgrestConf', () => {
  it('writes db-uri for the authenticator, db-schemas, db-anon-role and the jwt-secret', () => {
    const text = postgrestConf({
      host: '127.0.0.1',
      port: 5499,
      database: 'gatehouse_demo',
      authenticator: 'authenticator',
      authenticatorPassword: 'p@ss/word"x',
      schemas: 'api',
      anonRole: 'anon',
      jwtSecret: 'j'.repeat(40),
    });
    expect(text).toContain(
      'db-uri = "postgres://authenticator:p%40ss%2Fword%22x@127.0.0.1:5499/gatehouse_demo"',
    );
    expect(text).toContain('db-schemas = "api"');
    expect(text).toContain('db-anon-role = "anon"');
    expect(text).toContain(`jwt-secret = "${'j'.repeat(40)}"`);
    expect(text).toContain('db-pre-request = "app.check_session"');
  });
});

describe('embedded secrets', () => {
  it('are generated once (0600, 32+ char JWT secret), then reused; a lost file on an old cluster is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-secrets-'));
    try {
      const file = join(dir, 'embedded', 'secrets.json');
      await expect(loadSecrets(file, false)).rejects.toMatchObject({ code: 'GH400' });
      const first = await loadSecrets(file, true);
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(
        new Set([first.superuserPassword, first.developerPassword, first.authenticatorPassword]).size,
      ).toBe(3);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(await loadSecrets(file, true)).toEqual(first);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
