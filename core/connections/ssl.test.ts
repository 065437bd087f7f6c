import { describe, expect, it } from 'vitest';
import type { GatehouseError } from '../../shared/errors.js';
import type { SslMode } from '../../shared/model/connection.js';
import { resolveConnection } from './resolve.js';
import { sslAttempts } from './ssl.js';
import { fakeEnvironment } from './test-environment.js';

function attempts(sslmode: SslMode, files: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const environment = fakeEnvironment({ files });
  return sslAttempts(
    resolveConnection({ host: 'db.example.com', sslmode, ...extra }, environment),
    environment,
  );
}

describe('sslAttempts (sslmode → node-pg ssl)', () => {
  it('disable: plain only', () => {
    expect(attempts('disable')).toEqual([false]);
  });

  it('allow: plain first, then TLS without verification', () => {
    expect(attempts('allow')).toEqual([false, { rejectUnauthorized: false }]);
  });

  it('prefer: TLS without verification first, then plain', () => {
    expect(attempts('prefer')).toEqual([{ rejectUnauthorized: false }, false]);
  });

  it('require: TLS, no verification — unless a root certificate exists, then like verify-ca', () => {
    expect(attempts('require')).toEqual([{ rejectUnauthorized: false }]);
    const [a] = attempts('require', { '/home/ann/.postgresql/root.crt': 'CA' });
    expect(a).toMatchObject({ ca: 'CA', rejectUnauthorized: true });
  });

  it('verify-ca: checks the chain but not the host name', () => {
    const [a] = attempts('verify-ca', { '/certs/ca.pem': 'CA' }, { sslrootcert: '/certs/ca.pem' });
    expect(a).toMatchObject({ ca: 'CA', rejectUnauthorized: true });
    expect(a && typeof a === 'object' && a.checkServerIdentity?.('x', {} as never)).toBeUndefined();
  });

  it('verify-full: checks the chain and the host name', () => {
    const [a] = attempts('verify-full', { '/home/ann/.postgresql/root.crt': 'CA' });
    expect(a).toEqual({ ca: 'CA', rejectUnauthorized: true, servername: 'db.example.com' });
  });

  it('verify-*: a missing root certificate is GH106', () => {
    for (const mode of ['verify-ca', 'verify-full'] as const) {
      try {
        attempts(mode);
        expect.unreachable();
      } catch (error) {
        expect((error as GatehouseError).code).toBe('GH106');
        expect((error as GatehouseError).message).toContain('/home/ann/.postgresql/root.crt');
      }
    }
  });

  it('sslrootcert=system uses the OS trust store with host-name checks', () => {
    expect(attempts('verify-ca', {}, { sslrootcert: 'system' })).toEqual([
      { rejectUnauthorized: true, servername: 'db.example.com' },
    ]);
  });

  it('sends a client certificate from sslcert/sslkey or the ~/.postgresql defaults', () => {
    expect(
      attempts('require', { '/c.crt': 'CERT', '/c.key': 'KEY' }, { sslcert: '/c.crt', sslkey: '/c.key' }),
    ).toEqual([{ cert: 'CERT', key: 'KEY', rejectUnauthorized: false }]);
    expect(
      attempts('require', {
        '/home/ann/.postgresql/postgresql.crt': 'C',
        '/home/ann/.postgresql/postgresql.key': 'K',
      }),
    ).toEqual([{ cert: 'C', key: 'K', rejectUnauthorized: false }]);
  });

  it('an explicit certificate path that cannot be read is GH106', () => {
    expect(() => attempts('require', {}, { sslcert: '/missing.crt' })).toThrow(/sslcert file \/missing.crt/);
  });
});
