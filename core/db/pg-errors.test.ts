import { describe, expect, it } from 'vitest';
import { isConnectionLoss, toConnectionError } from './pg-errors.js';

const target = { host: 'db.example.com', port: 5432, user: 'ann', database: 'shop' };
const pgError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });
const sysError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code });

describe('toConnectionError', () => {
  it.each([
    [sysError('ECONNREFUSED'), 'GH100', /server running.*firewall/],
    [sysError('ETIMEDOUT'), 'GH100', /server running.*firewall/],
    [sysError('ENOTFOUND'), 'GH100', /does not resolve/],
    [pgError('28P01', 'password authentication failed for user "ann"'), 'GH101', /password.*pg_hba/],
    [
      pgError('28000', 'no pg_hba.conf entry for host "1.2.3.4", user "ann", database "shop", no encryption'),
      'GH101',
      /sslmode=require/,
    ],
    [pgError('3D000', 'database "shop" does not exist'), 'GH109', /database name/],
    [new Error('The server does not support SSL connections'), 'GH106', /does not offer TLS/],
    [
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      'GH106',
      /sslrootcert/,
    ],
    [
      Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
      'GH106',
      /host name/,
    ],
    [new Error('Connection terminated unexpectedly'), 'GH105', /reconnects/],
    [pgError('57P01', 'terminating connection due to administrator command'), 'GH105', /reconnects/],
    [pgError('53300', 'sorry, too many clients already'), 'GH100', /max_connections/],
  ])('%s → %s', (error, code, hint) => {
    const mapped = toConnectionError(error, target);
    expect(mapped.code).toBe(code);
    expect(mapped.hint).toMatch(hint);
    if (code === 'GH100' || code === 'GH105' || code === 'GH106')
      expect(mapped.message).toContain('db.example.com:5432');
  });

  it('names the user for GH101 and the database for GH109', () => {
    expect(toConnectionError(pgError('28P01', 'x'), target).message).toContain('"ann"');
    expect(toConnectionError(pgError('3D000', 'x'), target).message).toContain('"shop"');
  });

  it('reports a non-PostgreSQL peer as GH102 when the probe says so', () => {
    expect(toConnectionError(new Error('Connection terminated unexpectedly'), target, true).code).toBe(
      'GH102',
    );
  });
});

describe('isConnectionLoss', () => {
  it('is true for dead sessions and false for query errors', () => {
    expect(isConnectionLoss(pgError('57P01', 'terminating'))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(sysError('ECONNRESET'))).toBe(true);
    expect(isConnectionLoss(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isConnectionLoss(pgError('57014', 'canceling statement due to statement timeout'))).toBe(false);
  });
});
