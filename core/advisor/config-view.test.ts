import { describe, expect, it } from 'vitest';
import { loadAdvisorConfig, userOfDbUri } from './config-view.js';

describe('the advisor’s view of postgrest.conf', () => {
  it('reports a short jwt-secret and system schemas as problems, and runs on without them', () => {
    const c = loadAdvisorConfig({
      text: 'db-uri = "postgres://auth@db/app"\ndb-schemas = "api, pg_catalog"\njwt-secret = "short"\n',
      env: {},
    });
    expect(c.problems).toEqual([
      { kind: 'system_schema_exposed', where: 'postgrest.conf:2', detail: 'pg_catalog' },
      { kind: 'jwt_secret_short', where: 'postgrest.conf:3', detail: '5 characters' },
    ]);
    expect(c.config.dbSchemas).toEqual(['api']);
    expect(c.config.jwtSecret).toBeNull();
    expect(c.dbUriUser).toBe('auth');
    expect(c.assumptions.join('\n')).toContain(
      'postgrest.conf:2: PostgREST refuses pg_catalog in db-schemas; the advisor went on with api.',
    );
  });

  it('reads the same problems from PGRST_* variables', () => {
    const c = loadAdvisorConfig({ env: { PGRST_DB_SCHEMAS: 'information_schema', PGRST_JWT_SECRET: 'x' } });
    expect(c.problems.map((p) => [p.kind, p.where])).toEqual([
      ['system_schema_exposed', 'PGRST_DB_SCHEMAS'],
      ['jwt_secret_short', 'PGRST_JWT_SECRET'],
    ]);
    expect(c.config.dbSchemas).toEqual(['public']);
  });

  it('leaves out a line that does not parse and one the loader refuses, naming each', () => {
    const c = loadAdvisorConfig({
      text: 'db-schemas = "api"\nthis is not a setting\ndb-max-rows = "many"\n',
      env: {},
    });
    expect(c.config.dbSchemas).toEqual(['api']);
    expect(c.assumptions[0]).toMatch(/^postgrest\.conf:2: .* — that line was left out\.$/);
    expect(c.assumptions[1]).toMatch(
      /^postgrest\.conf:3 \(db-max-rows\): "many" is not an integer — that line was left out\.$/,
    );
  });

  it('assumes PostgREST’s defaults for a file that is missing, and says so', () => {
    const c = loadAdvisorConfig({ file: '/nonexistent/dir/postgrest.conf', env: {} });
    expect(c.assumptions[0]).toBe(
      "/nonexistent/dir/postgrest.conf does not exist: PostgREST's defaults (and PGRST_* variables) are assumed.",
    );
    expect(c.config.dbSchemas).toEqual(['public']);
    expect(c.dbUriUser).toBeNull();
  });

  it('finds the user of a URI or a conninfo string', () => {
    expect(userOfDbUri('postgresql://auth%40x:pw@h:5432/db')).toBe('auth@x');
    expect(userOfDbUri("host=h user='my auth' dbname=d")).toBe('my auth');
    expect(userOfDbUri('postgresql://')).toBeNull();
  });
});
