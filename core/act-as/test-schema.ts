/**
 * A small schema for act-as tests that need their own roles (roles are cluster-wide: every name carries a
 * unique suffix). Not the conformance fixture, which has fixed role names.
 */
export interface ActAsTestSchema {
  readonly authenticator: string;
  readonly password: string;
  readonly anon: string;
  readonly user: string;
  readonly secret: string;
  /** SQL that creates the roles (run once per server). */
  readonly rolesSql: string;
  /** SQL that creates the schema and data (run in the test database). */
  readonly schemaSql: string;
  readonly dropRolesSql: string;
  /** postgrest.conf text for a database reachable at `host:port/db`. */
  conf(host: string, port: string, database: string, withPassword?: boolean): string;
}

export function actAsTestSchema(suffix: string): ActAsTestSchema {
  const authenticator = `gh_auth_${suffix}`;
  const anon = `gh_anon_${suffix}`;
  const user = `gh_user_${suffix}`;
  const password = `pw_${suffix}`;
  const secret = 'gatehouse-test-secret-0123456789abcdefghij';
  return {
    authenticator,
    password,
    anon,
    user,
    secret,
    rolesSql: `
      CREATE ROLE ${authenticator} LOGIN NOINHERIT PASSWORD '${password}';
      CREATE ROLE ${anon} NOLOGIN;
      CREATE ROLE ${user} NOLOGIN;
      GRANT ${anon}, ${user} TO ${authenticator};
      ALTER ROLE ${user} SET statement_timeout = '7s';`,
    schemaSql: `
      CREATE SCHEMA api;
      CREATE TABLE api.items (id int PRIMARY KEY, name text NOT NULL, owner text);
      INSERT INTO api.items VALUES (1, 'one', 'alice'), (2, 'two', 'bob'), (3, 'three', null);
      CREATE FUNCTION api.me() RETURNS json LANGUAGE sql STABLE AS $$
        SELECT json_build_object('role', current_user,
          'sub', current_setting('request.jwt.claims', true)::json->>'sub',
          'timeout', current_setting('statement_timeout'))
      $$;
      CREATE FUNCTION api.hoisted() RETURNS int LANGUAGE sql STABLE
        SET statement_timeout = '3s' SET default_transaction_isolation = 'repeatable read' SET work_mem = '1MB'
        AS $$ SELECT 1 $$;
      GRANT USAGE ON SCHEMA api TO ${anon}, ${user};
      GRANT SELECT ON api.items TO ${anon};
      GRANT SELECT, INSERT, UPDATE, DELETE ON api.items TO ${user};`,
    dropRolesSql: `DROP ROLE IF EXISTS ${authenticator}; DROP ROLE IF EXISTS ${anon}; DROP ROLE IF EXISTS ${user};`,
    conf: (host, port, database, withPassword = true) =>
      [
        `db-uri = "postgres://${authenticator}${withPassword ? `:${password}` : ''}@${host}:${port}/${database}"`,
        'db-schemas = "api"',
        `db-anon-role = "${anon}"`,
        `jwt-secret = "${secret}"`,
      ].join('\n'),
  };
}
