import type { ConnectionOptions } from 'node:tls';
import { GatehouseError } from '../../shared/errors.js';
import type { ResolveEnvironment } from './environment.js';
import type { ResolvedConnection } from './resolve.js';

/** One way to try the TLS handshake; sslmode allow/prefer give two, tried in order. */
export type SslAttempt = false | ConnectionOptions;

function sslFailure(message: string, hint: string): GatehouseError {
  return new GatehouseError('GH106', message, { hint });
}

/**
 * Maps libpq's sslmode onto node-pg's `ssl` option. libpq defaults: ~/.postgresql/root.crt (a root CA that
 * exists turns `require` into `verify-ca`), ~/.postgresql/postgresql.crt and .key for a client certificate.
 * `sslrootcert=system` (PostgreSQL 16+) means the operating system's CAs.
 */
export function sslAttempts(resolved: ResolvedConnection, environment: ResolveEnvironment): SslAttempt[] {
  const mode = resolved.sslmode;
  if (mode === 'disable') return [false];
  const dir = `${environment.home}/.postgresql`;
  const read = (path: string | undefined, fallback: string, what: string): string | undefined => {
    const file = path ?? fallback;
    const text = environment.readFile(file);
    if (text === undefined && path !== undefined && path !== 'system') {
      throw sslFailure(
        `The ${what} file ${file} could not be read.`,
        `Check the ${what} path and its permissions.`,
      );
    }
    return text;
  };
  const cert = read(resolved.sslcert, `${dir}/postgresql.crt`, 'sslcert');
  const key = cert === undefined ? undefined : read(resolved.sslkey, `${dir}/postgresql.key`, 'sslkey');
  const client: ConnectionOptions = cert !== undefined && key !== undefined ? { cert, key } : {};

  const systemCa = resolved.sslrootcert === 'system';
  const ca = systemCa ? undefined : read(resolved.sslrootcert, `${dir}/root.crt`, 'sslrootcert');
  const verifying =
    mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && ca !== undefined);
  if (verifying && ca === undefined && !systemCa) {
    throw sslFailure(
      `sslmode=${mode} needs a root certificate, but ${resolved.sslrootcert ?? `${dir}/root.crt`} does not exist.`,
      'Give sslrootcert (the CA that signed the server certificate), or sslrootcert=system for the OS trust store.',
    );
  }
  const noVerify: ConnectionOptions = { ...client, rejectUnauthorized: false };
  const verified: ConnectionOptions = {
    ...client,
    ...(ca === undefined ? {} : { ca }),
    rejectUnauthorized: true,
    // verify-ca checks the chain only; verify-full (and sslrootcert=system, as libpq forces) checks the name too.
    ...(mode === 'verify-full' || systemCa
      ? { servername: resolved.host }
      : { checkServerIdentity: () => undefined }),
  };
  switch (mode) {
    case 'allow':
      return [false, noVerify];
    case 'prefer':
      return [noVerify, false];
    case 'require':
      return [verifying ? verified : noVerify];
    default:
      return [verified];
  }
}
