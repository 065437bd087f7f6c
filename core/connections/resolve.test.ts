import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { resolveConnection, splitForSaving } from './resolve.js';
import { fakeEnvironment } from './test-environment.js';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatehouseError);
    return (error as GatehouseError).code;
  }
  return 'none';
}

describe('resolveConnection: defaults', () => {
  it('uses libpq defaults: localhost:5432, the OS user, database = user, sslmode prefer', () => {
    const r = resolveConnection({}, fakeEnvironment({ username: 'ann' }));
    expect(r).toMatchObject({
      host: 'localhost',
      port: 5432,
      user: 'ann',
      database: 'ann',
      password: undefined,
      passwordSource: null,
      sslmode: 'prefer',
      applicationName: undefined,
      warnings: [],
    });
  });

  it('defaults to the Unix socket directory when a server socket is there (not on Windows)', () => {
    const socket = { text: '', mode: 0o140777 };
    const files = { '/var/run/postgresql/.s.PGSQL.5432': socket, '/tmp/.s.PGSQL.6000': socket };
    expect(resolveConnection({}, fakeEnvironment({ files })).host).toBe('/var/run/postgresql');
    expect(resolveConnection({ port: 6000 }, fakeEnvironment({ files })).host).toBe('/tmp');
    expect(resolveConnection({ port: 7000 }, fakeEnvironment({ files })).host).toBe('localhost');
    expect(resolveConnection({}, fakeEnvironment({ files, platform: 'win32' })).host).toBe('localhost');
  });

  it('defaults the database to the resolved user, wherever the user came from', () => {
    expect(resolveConnection({}, fakeEnvironment({ env: { PGUSER: 'bob' } })).database).toBe('bob');
    expect(resolveConnection({ uri: 'postgresql://carl@h' }, fakeEnvironment()).database).toBe('carl');
  });
});

describe('resolveConnection: precedence (fields > URI > service > PG* > defaults)', () => {
  const env = {
    PGHOST: 'env-host',
    PGPORT: '6000',
    PGUSER: 'env-user',
    PGDATABASE: 'env-db',
    PGPASSWORD: 'env-pw',
    PGSSLMODE: 'require',
    PGAPPNAME: 'env-app',
  };

  it('takes every PG* variable when nothing else is given', () => {
    const r = resolveConnection({}, fakeEnvironment({ env }));
    expect(r).toMatchObject({
      host: 'env-host',
      port: 6000,
      user: 'env-user',
      database: 'env-db',
      password: 'env-pw',
      passwordSource: 'environment',
      sslmode: 'require',
      applicationName: 'env-app',
    });
  });

  it('lets the URI override PG* variables, keyword by keyword', () => {
    const r = resolveConnection({ uri: 'postgresql://uri-user@uri-host/uri-db' }, fakeEnvironment({ env }));
    expect(r).toMatchObject({
      host: 'uri-host',
      port: 6000,
      user: 'uri-user',
      database: 'uri-db',
      password: 'env-pw',
    });
  });

  it('lets form fields override the URI', () => {
    const r = resolveConnection(
      {
        uri: 'postgresql://u:urlpw@uri-host:5555/uri-db?sslmode=disable',
        host: 'field-host',
        password: 'fieldpw',
      },
      fakeEnvironment({ env }),
    );
    expect(r).toMatchObject({
      host: 'field-host',
      port: 5555,
      user: 'u',
      database: 'uri-db',
      password: 'fieldpw',
      passwordSource: 'given',
      sslmode: 'disable',
    });
  });

  it('treats empty form fields as not given', () => {
    expect(resolveConnection({ host: '' }, fakeEnvironment({ env })).host).toBe('env-host');
  });

  it('puts the service file between explicit values and PG* variables', () => {
    const files = { '/home/ann/.pg_service.conf': '[prod]\nhost=svc-host\nport=7000\ndbname=svc-db\n' };
    const r = resolveConnection({ service: 'prod', port: 7100 }, fakeEnvironment({ env, files }));
    expect(r).toMatchObject({
      host: 'svc-host',
      port: 7100,
      database: 'svc-db',
      user: 'env-user',
      service: 'prod',
    });
  });

  it('takes the service name from PGSERVICE', () => {
    const files = { '/home/ann/.pg_service.conf': '[prod]\nhost=svc-host\n' };
    const r = resolveConnection({}, fakeEnvironment({ env: { PGSERVICE: 'prod' }, files }));
    expect(r.host).toBe('svc-host');
  });

  it('reads a password from the service file', () => {
    const files = { '/home/ann/.pg_service.conf': '[s]\npassword=svcpw\n' };
    const r = resolveConnection({ service: 's' }, fakeEnvironment({ files }));
    expect(r).toMatchObject({ password: 'svcpw', passwordSource: 'service' });
  });

  it('refuses an invalid PGPORT or PGSSLMODE with GH103', () => {
    expect(code(() => resolveConnection({}, fakeEnvironment({ env: { PGPORT: 'abc' } })))).toBe('GH103');
    expect(code(() => resolveConnection({}, fakeEnvironment({ env: { PGSSLMODE: 'sometimes' } })))).toBe(
      'GH103',
    );
  });

  it('uses PGHOSTADDR to connect when given, and connect_timeout with libpq’s 2-second floor', () => {
    const r = resolveConnection(
      {},
      fakeEnvironment({ env: { PGHOST: 'name', PGHOSTADDR: '10.0.0.1', PGCONNECT_TIMEOUT: '1' } }),
    );
    expect(r.host).toBe('10.0.0.1');
    expect(r.connectTimeoutSeconds).toBe(2);
  });
});

describe('resolveConnection: service files', () => {
  it('looks in PGSERVICEFILE instead of ~/.pg_service.conf', () => {
    const files = {
      '/home/ann/.pg_service.conf': '[a]\nhost=home\n',
      '/srv/services.conf': '[a]\nhost=custom\n',
    };
    const r = resolveConnection(
      { service: 'a' },
      fakeEnvironment({ env: { PGSERVICEFILE: '/srv/services.conf' }, files }),
    );
    expect(r.host).toBe('custom');
  });

  it('falls back to PGSYSCONFDIR/pg_service.conf when the user file lacks the service', () => {
    const files = {
      '/home/ann/.pg_service.conf': '[other]\nhost=home\n',
      '/opt/pg/etc/pg_service.conf': '[a]\nhost=system\n',
    };
    const r = resolveConnection(
      { service: 'a' },
      fakeEnvironment({ env: { PGSYSCONFDIR: '/opt/pg/etc' }, files }),
    );
    expect(r.host).toBe('system');
  });

  it('prefers the user file over the system file', () => {
    const files = {
      '/home/ann/.pg_service.conf': '[a]\nhost=home\n',
      '/etc/postgresql-common/pg_service.conf': '[a]\nhost=system\n',
    };
    expect(resolveConnection({ service: 'a' }, fakeEnvironment({ files })).host).toBe('home');
  });

  it('refuses an unknown service with GH107 naming the files it looked in', () => {
    try {
      resolveConnection(
        { service: 'nope' },
        fakeEnvironment({ files: { '/home/ann/.pg_service.conf': '[a]\nhost=x\n' } }),
      );
      expect.unreachable();
    } catch (error) {
      const e = error as GatehouseError;
      expect(e.code).toBe('GH107');
      expect(e.message).toContain('"nope"');
      expect(e.details).toContain('/home/ann/.pg_service.conf');
      expect(e.details).toContain('/etc/postgresql-common/pg_service.conf');
    }
  });

  it('refuses a syntax error or a nested service with GH401', () => {
    const bad = (text: string) =>
      code(() =>
        resolveConnection(
          { service: 'a' },
          fakeEnvironment({ files: { '/home/ann/.pg_service.conf': text } }),
        ),
      );
    expect(bad('host=x\n[a]\n')).toBe('GH401');
    expect(bad('[a]\nhost\n')).toBe('GH401');
    expect(bad('[a]\nservice=b\n')).toBe('GH401');
  });
});

describe('resolveConnection: password file', () => {
  const pgpass = 'db:5432:app:ann:from-pgpass\n*:*:*:*:catch-all\n';

  it('reads ~/.pgpass when no password was given', () => {
    const r = resolveConnection(
      { uri: 'postgresql://db/app' },
      fakeEnvironment({ files: { '/home/ann/.pgpass': pgpass } }),
    );
    expect(r).toMatchObject({ password: 'from-pgpass', passwordSource: 'pgpass', warnings: [] });
  });

  it('matches on the resolved host, port, database and user', () => {
    const r = resolveConnection(
      { uri: 'postgresql://db:5433/app' },
      fakeEnvironment({ files: { '/home/ann/.pgpass': pgpass } }),
    );
    expect(r.password).toBe('catch-all');
  });

  it('never consults it when a password was given (field, URI, service or PGPASSWORD)', () => {
    const files = { '/home/ann/.pgpass': pgpass };
    expect(resolveConnection({ password: 'x' }, fakeEnvironment({ files })).password).toBe('x');
    expect(resolveConnection({}, fakeEnvironment({ env: { PGPASSWORD: 'y' }, files })).password).toBe('y');
  });

  it('honours PGPASSFILE and the passfile keyword', () => {
    const files = { '/secrets/pw': '*:*:*:*:custom\n', '/other/pw': '*:*:*:*:kw\n' };
    expect(
      resolveConnection({}, fakeEnvironment({ env: { PGPASSFILE: '/secrets/pw' }, files })).password,
    ).toBe('custom');
    expect(
      resolveConnection(
        { uri: 'host=h passfile=/other/pw' },
        fakeEnvironment({ env: { PGPASSFILE: '/secrets/pw' }, files }),
      ).password,
    ).toBe('kw');
  });

  it('ignores a group- or world-readable file with a warning, as libpq does', () => {
    const r = resolveConnection(
      {},
      fakeEnvironment({ files: { '/home/ann/.pgpass': { text: pgpass, mode: 0o100644 } } }),
    );
    expect(r.password).toBeUndefined();
    expect(r.warnings).toEqual([
      expect.stringMatching(/group or world access.*chmod 0600 \/home\/ann\/\.pgpass/),
    ]);
  });

  it('refuses a malformed line with GH104', () => {
    expect(
      code(() => resolveConnection({}, fakeEnvironment({ files: { '/home/ann/.pgpass': 'a:b:c\n' } }))),
    ).toBe('GH104');
  });

  it('finds %APPDATA%\\postgresql\\pgpass.conf on Windows and skips the mode check there', () => {
    const files = {
      'C:\\Users\\ann\\AppData\\Roaming\\postgresql\\pgpass.conf': { text: '*:*:*:*:win', mode: 0o100666 },
    };
    const r = resolveConnection(
      {},
      fakeEnvironment({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, files }),
    );
    expect(r.password).toBe('win');
  });
});

describe('splitForSaving', () => {
  it('splits a URI into fields and takes the password out', () => {
    expect(splitForSaving({ uri: 'postgresql://u:pw@h:5433/d?sslmode=verify-full', host: 'h2' })).toEqual({
      fields: { host: 'h2', port: 5433, user: 'u', database: 'd', sslmode: 'verify-full' },
      password: 'pw',
    });
    expect(splitForSaving({ host: 'h', password: 'field' }).password).toBe('field');
  });
});
