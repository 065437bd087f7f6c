import { GatehouseError } from '../../shared/errors.js';
import type { ConnectionParams } from '../../shared/model/connection.js';
import { isSslMode, SSL_MODES, type SslMode } from '../../shared/model/ssl-modes.js';
import { parseConnectionString, type Conninfo } from '../../shared/connections/conninfo.js';
import type { ResolveEnvironment } from './environment.js';
import { lookupPgpass, parsePgpass, pgpassModeProblem } from './pgpass.js';
import { parseServiceFile } from './service-file.js';

export type PasswordSource = 'given' | 'service' | 'environment' | 'pgpass' | null;

/** Connection parameters after libpq's rules have filled every gap. */
export interface ResolvedConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password: string | undefined;
  readonly passwordSource: PasswordSource;
  readonly sslmode: SslMode;
  readonly sslrootcert: string | undefined;
  readonly sslcert: string | undefined;
  readonly sslkey: string | undefined;
  readonly applicationName: string | undefined;
  readonly service: string | undefined;
  readonly connectTimeoutSeconds: number | undefined;
  /** Plain sentences about what was ignored or assumed (e.g. a world-readable ~/.pgpass). */
  readonly warnings: readonly string[];
}

/** libpq's environment variables for each keyword. PGSERVICEFILE/PGSYSCONFDIR only locate files. */
const ENV_VARS: Readonly<Record<string, string>> = {
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  user: 'PGUSER',
  dbname: 'PGDATABASE',
  password: 'PGPASSWORD',
  passfile: 'PGPASSFILE',
  service: 'PGSERVICE',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  application_name: 'PGAPPNAME',
  connect_timeout: 'PGCONNECT_TIMEOUT',
};

/** Where Debian/Ubuntu (and most packages) put the system-wide service file when PGSYSCONFDIR is unset. */
const DEFAULT_SYSCONFDIR = '/etc/postgresql-common';

function join(dir: string, name: string, platform: NodeJS.Platform): string {
  const sep = platform === 'win32' ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : dir + sep + name;
}

function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
}

/** Form fields as libpq keywords (only the ones given). */
function fieldsAsConninfo(params: ConnectionParams): Conninfo {
  const out: Conninfo = {};
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') out[key] = String(value);
  };
  set('host', params.host);
  set('port', params.port);
  set('user', params.user);
  set('dbname', params.database);
  set('password', params.password);
  set('sslmode', params.sslmode);
  set('sslrootcert', params.sslrootcert);
  set('sslcert', params.sslcert);
  set('sslkey', params.sslkey);
  set('service', params.service);
  set('application_name', params.applicationName);
  return out;
}

function findService(
  name: string,
  environment: ResolveEnvironment,
): { values: Record<string, string>; file: string } {
  const { env, home, platform } = environment;
  const userFile = env.PGSERVICEFILE ?? join(home, '.pg_service.conf', platform);
  const sysFile = join(env.PGSYSCONFDIR ?? DEFAULT_SYSCONFDIR, 'pg_service.conf', platform);
  const looked: string[] = [];
  for (const file of [userFile, sysFile]) {
    looked.push(file);
    const text = environment.readFile(file);
    if (text === undefined) continue;
    const values = parseServiceFile(text, file).get(name);
    if (values) return { values, file };
  }
  throw new GatehouseError('GH107', `The connection service "${name}" is not defined.`, {
    details: `Looked in ${looked.join(' and ')}.`,
    hint: 'Check the service name, or point PGSERVICEFILE at the pg_service.conf that defines it.',
  });
}

function defaultPassfile(environment: ResolveEnvironment): string {
  const { env, home, platform } = environment;
  if (platform === 'win32' && env.APPDATA)
    return join(join(env.APPDATA, 'postgresql', platform), 'pgpass.conf', platform);
  return join(home, '.pgpass', platform);
}

/** Socket directories libpq is commonly built with (Debian's first, then the upstream default). */
const SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

/** libpq's default host: on Unix the socket directory when a server's socket is there, else localhost. */
function defaultHost(port: string, environment: ResolveEnvironment): string {
  if (environment.platform === 'win32') return 'localhost';
  const dir = SOCKET_DIRS.find((d) => environment.fileMode(`${d}/.s.PGSQL.${port}`) !== undefined);
  return dir ?? 'localhost';
}

/**
 * Fills connection parameters the way libpq does: explicit form fields, then the URI/conninfo string,
 * then the service file (service from the parameters or PGSERVICE), then PG* environment variables,
 * then defaults; a missing password is then looked up in the password file.
 */
export function resolveConnection(
  params: ConnectionParams,
  environment: ResolveEnvironment,
): ResolvedConnection {
  const warnings: string[] = [];
  const fromString = params.uri ? parseConnectionString(params.uri) : {};
  const explicit: Conninfo = { ...fromString, ...fieldsAsConninfo(params) };
  const values: Conninfo = { ...explicit };
  let passwordSource: PasswordSource = values.password !== undefined ? 'given' : null;

  const serviceName = values.service ?? environment.env.PGSERVICE;
  if (serviceName) {
    const { values: svc } = findService(serviceName, environment);
    for (const [key, value] of Object.entries(svc)) {
      if (values[key] === undefined) {
        values[key] = value;
        if (key === 'password') passwordSource = 'service';
      }
    }
  }
  for (const [key, variable] of Object.entries(ENV_VARS)) {
    const value = environment.env[variable];
    if (values[key] === undefined && value !== undefined && value !== '') {
      values[key] = value;
      if (key === 'password') passwordSource = 'environment';
    }
  }

  const portText = values.port ?? '5432';
  const host = values.hostaddr ?? values.host ?? defaultHost(portText, environment);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new GatehouseError('GH103', `Invalid port "${portText}".`, {
      hint: 'The port must be a number from 1 to 65535 (check PGPORT too).',
    });
  }
  const port = Number(portText);
  const user = values.user ?? environment.username;
  const database = values.dbname ?? user;
  const sslmode = values.sslmode ?? 'prefer';
  if (!isSslMode(sslmode)) {
    throw new GatehouseError('GH103', `Invalid sslmode "${values.sslmode}".`, {
      hint: `Use one of ${SSL_MODES.join(', ')} (check PGSSLMODE too).`,
    });
  }
  let connectTimeoutSeconds: number | undefined;
  if (values.connect_timeout !== undefined) {
    const n = Number(values.connect_timeout);
    if (!Number.isInteger(n) || n < 0) {
      throw new GatehouseError('GH103', `Invalid connect_timeout "${values.connect_timeout}".`, {
        hint: 'connect_timeout is a whole number of seconds.',
      });
    }
    // libpq treats anything under 2 seconds (but not 0, meaning wait forever) as 2.
    connectTimeoutSeconds = n === 0 ? undefined : Math.max(n, 2);
  }

  let password = values.password;
  if (password === undefined) {
    const passfile = expandHome(values.passfile ?? defaultPassfile(environment), environment.home);
    const mode = environment.fileMode(passfile);
    if (mode !== undefined) {
      const problem = pgpassModeProblem(mode, passfile, environment.platform);
      if (problem) warnings.push(problem);
      else {
        const text = environment.readFile(passfile);
        if (text !== undefined) {
          const entry = lookupPgpass(parsePgpass(text, passfile), { host, port, database, user });
          if (entry) {
            password = entry.password;
            passwordSource = 'pgpass';
          }
        }
      }
    }
  }

  const path = (p: string | undefined) =>
    p === undefined || p === '' ? undefined : expandHome(p, environment.home);
  return {
    host,
    port,
    user,
    database,
    password,
    passwordSource,
    sslmode,
    sslrootcert: path(values.sslrootcert),
    sslcert: path(values.sslcert),
    sslkey: path(values.sslkey),
    applicationName: values.application_name,
    service: serviceName,
    connectTimeoutSeconds,
    warnings,
  };
}

/** Normalises params for saving: the URI is split into fields, the password taken out. */
export function splitForSaving(params: ConnectionParams): {
  fields: Omit<ConnectionParams, 'uri' | 'password'>;
  password: string | undefined;
} {
  const fromString = params.uri ? parseConnectionString(params.uri) : {};
  const pick = (field: string | number | undefined, keyword: string): string | undefined =>
    field !== undefined && field !== '' ? String(field) : fromString[keyword];
  const port = pick(params.port, 'port');
  const sslmode = pick(params.sslmode, 'sslmode');
  if (sslmode !== undefined && !isSslMode(sslmode))
    throw new GatehouseError('GH103', `Invalid sslmode "${sslmode}".`, {
      hint: `Use one of ${SSL_MODES.join(', ')}.`,
    });
  const entries = {
    host: pick(params.host, 'host'),
    port: port === undefined ? undefined : Number(port),
    user: pick(params.user, 'user'),
    database: pick(params.database, 'dbname'),
    sslmode,
    sslrootcert: pick(params.sslrootcert, 'sslrootcert'),
    sslcert: pick(params.sslcert, 'sslcert'),
    sslkey: pick(params.sslkey, 'sslkey'),
    service: pick(params.service, 'service'),
    applicationName: pick(params.applicationName, 'application_name'),
  };
  const fields = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Omit<
    ConnectionParams,
    'uri' | 'password'
  >;
  return { fields, password: params.password ?? fromString.password };
}
