/**
 * The advisor's test fixtures: a clean database built by PostgREST's production checklist (a NOINHERIT login
 * authenticator that owns nothing, NOLOGIN request roles, the API in its own schema owned by a role nobody logs
 * in as, RLS on every exposed table with policies that wrap current_setting in a scalar subquery, no EXECUTE for
 * PUBLIC now or by default, security_invoker views, a 32+ character JWT secret) and, per finding, the one
 * mistake that plants it. `{owner}`, `{auth}`, `{anon}` and `{user}` stand for per-test role names.
 */

export interface FixtureRoles {
  readonly owner: string;
  readonly auth: string;
  readonly anon: string;
  readonly user: string;
}

export const fixtureRoles = (suffix: string): FixtureRoles => ({
  owner: `gh_adv_owner_${suffix}`,
  auth: `gh_adv_auth_${suffix}`,
  anon: `gh_adv_anon_${suffix}`,
  user: `gh_adv_user_${suffix}`,
});

export function fill(sql: string, r: FixtureRoles): string {
  return sql
    .replaceAll('{owner}', `"${r.owner}"`)
    .replaceAll('{auth}', `"${r.auth}"`)
    .replaceAll('{anon}', `"${r.anon}"`)
    .replaceAll('{user}', `"${r.user}"`);
}

export const JWT_SECRET = 'a-production-secret-of-forty-characters!';

export function configText(r: FixtureRoles, database: string, extra = ''): string {
  return [
    `db-uri = "postgresql://${r.auth}:secret@localhost/${database}"`,
    `db-schemas = "api"`,
    `db-anon-role = "${r.anon}"`,
    `jwt-secret = "${JWT_SECRET}"`,
    extra,
  ].join('\n');
}

export const rolesSql = `
CREATE ROLE {owner} NOLOGIN;
CREATE ROLE {auth} LOGIN NOINHERIT PASSWORD 'secret';
CREATE ROLE {anon} NOLOGIN;
CREATE ROLE {user} NOLOGIN;
GRANT {anon} TO {auth};
GRANT {user} TO {auth};`;

/** The clean API (run in the fixture's database, as a superuser). */
export function cleanSql(major: number): string {
  const invoker = major >= 15 ? ' WITH (security_invoker = true)' : '';
  return `
CREATE SCHEMA api AUTHORIZATION {owner};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA api TO {anon}, {user};
SET ROLE {owner};
CREATE TABLE api.todos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner text NOT NULL DEFAULT (current_setting('request.jwt.claims', true)::json ->> 'sub'),
  task text NOT NULL,
  done boolean NOT NULL DEFAULT false
);
CREATE INDEX todos_owner ON api.todos (owner);
ALTER TABLE api.todos ENABLE ROW LEVEL SECURITY;
CREATE POLICY todos_own ON api.todos FOR ALL TO {user}
  USING (owner = (SELECT current_setting('request.jwt.claims', true)::json ->> 'sub'))
  WITH CHECK (owner = (SELECT current_setting('request.jwt.claims', true)::json ->> 'sub'));
GRANT SELECT, INSERT, UPDATE, DELETE ON api.todos TO {user};
CREATE TABLE api.posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL);
ALTER TABLE api.posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_read ON api.posts FOR SELECT TO {anon}, {user} USING (true);
GRANT SELECT ON api.posts TO {anon}, {user};
${
  major >= 15
    ? `CREATE VIEW api.open_todos${invoker} AS SELECT id, task FROM api.todos WHERE NOT done;
GRANT SELECT ON api.open_todos TO {user};`
    : ''
}
CREATE FUNCTION api.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
GRANT EXECUTE ON FUNCTION api.add(integer, integer) TO {anon}, {user};
CREATE FUNCTION api.complete(todo bigint) RETURNS void LANGUAGE sql AS 'UPDATE api.todos SET done = true WHERE id = todo';
GRANT EXECUTE ON FUNCTION api.complete(bigint) TO {user};
RESET ROLE;`;
}

export interface MistakeFixture {
  /** The finding it plants. */
  readonly finding: string;
  /** The finding's object, as the advisor names it. */
  readonly object: (r: FixtureRoles) => string;
  /** SQL run after the clean API (as a superuser). */
  readonly sql?: string;
  /** Lines added to postgrest.conf. */
  readonly config?: string;
  /** Whether applying the finding's fix makes it go away (false where the fix is a person's). */
  readonly fixable: boolean | ((major: number) => boolean);
}

export const mistakes: readonly MistakeFixture[] = [
  {
    finding: 'role_superuser',
    object: (r) => `role ${r.user}`,
    sql: 'ALTER ROLE {user} SUPERUSER;',
    fixable: true,
  },
  {
    finding: 'role_bypassrls',
    object: (r) => `role ${r.anon}`,
    sql: 'ALTER ROLE {anon} BYPASSRLS;',
    fixable: true,
  },
  {
    finding: 'authenticator_inherit',
    object: (r) => `role ${r.auth}`,
    // From 16 a membership's INHERIT option is fixed when granted: grant again after the change.
    sql: 'ALTER ROLE {auth} INHERIT; REVOKE {user} FROM {auth}; GRANT {user} TO {auth};',
    fixable: true,
  },
  {
    finding: 'authenticator_owns_objects',
    object: (r) => `role ${r.auth}`,
    sql: 'CREATE TABLE api.auth_owned (id int PRIMARY KEY); ALTER TABLE api.auth_owned OWNER TO {auth};',
    fixable: true,
  },
  {
    finding: 'request_role_login',
    object: (r) => `role ${r.anon}`,
    sql: 'ALTER ROLE {anon} LOGIN;',
    fixable: true,
  },
  {
    finding: 'role_not_granted',
    object: (r) => `role ${r.anon}`,
    sql: 'REVOKE {anon} FROM {auth};',
    fixable: true,
  },
  {
    finding: 'table_without_rls',
    object: () => 'api.notes',
    sql: 'CREATE TABLE api.notes (id int PRIMARY KEY, body text); GRANT SELECT ON api.notes TO {anon};',
    fixable: true,
  },
  {
    finding: 'write_without_policy',
    object: () => 'api.logs',
    sql: 'CREATE TABLE api.logs (id int PRIMARY KEY); GRANT SELECT, DELETE ON api.logs TO {user};',
    fixable: true,
  },
  {
    finding: 'view_over_table_without_rls',
    object: () => 'api.secrets',
    sql: `CREATE SCHEMA private; CREATE TABLE private.secrets (id int PRIMARY KEY, v text);
          CREATE VIEW api.secrets AS SELECT id, v FROM private.secrets; GRANT SELECT ON api.secrets TO {user};`,
    fixable: true,
  },
  { finding: 'rls_not_forced', object: () => 'api.todos', sql: 'GRANT {owner} TO {user};', fixable: true },
  {
    finding: 'policy_write_all',
    object: () => 'policy posts_anon_write on api.posts',
    sql: `CREATE POLICY posts_anon_write ON api.posts FOR INSERT TO {anon} WITH CHECK (true);
          GRANT INSERT ON api.posts TO {anon};`,
    fixable: true,
  },
  {
    finding: 'public_read_policy',
    object: () => 'policy news_read on api.news',
    sql: `CREATE TABLE api.news (id int PRIMARY KEY, body text); ALTER TABLE api.news ENABLE ROW LEVEL SECURITY;
          CREATE POLICY news_read ON api.news FOR SELECT USING (true); GRANT SELECT ON api.news TO {anon};`,
    fixable: false,
  },
  {
    finding: 'policy_rls_disabled',
    object: () => 'api.drafts',
    sql: 'CREATE TABLE api.drafts (id int PRIMARY KEY); CREATE POLICY drafts_all ON api.drafts TO {user} USING (id > 0);',
    fixable: true,
  },
  {
    finding: 'rls_no_policy',
    object: () => 'api.posts',
    sql: 'GRANT INSERT ON api.posts TO {user};',
    fixable: false,
  },
  {
    finding: 'obsolete_jwt_claim_setting',
    object: () => 'policy todos_old on api.todos',
    sql: `CREATE POLICY todos_old ON api.todos AS RESTRICTIVE FOR SELECT TO {user}
            USING (owner = (SELECT current_setting('request.jwt.claim.sub', true)));`,
    fixable: false,
  },
  {
    finding: 'function_public_execute',
    object: () => 'function api.hello()',
    sql: `CREATE FUNCTION api.hello() RETURNS text LANGUAGE sql STABLE AS $$SELECT 'hi'$$;`,
    fixable: true,
  },
  {
    finding: 'default_execute_public',
    object: (r) => `role ${r.owner}`,
    sql: 'ALTER DEFAULT PRIVILEGES FOR ROLE {owner} GRANT EXECUTE ON FUNCTIONS TO PUBLIC;',
    fixable: true,
  },
  {
    finding: 'security_definer_exposed',
    object: () => 'function api.whoami()',
    sql: `SET ROLE {owner};
          CREATE FUNCTION api.whoami() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
            AS 'SELECT current_user::text';
          RESET ROLE;`,
    fixable: true,
  },
  {
    finding: 'security_definer_search_path',
    object: () => 'function private.helper()',
    sql: `CREATE SCHEMA private; CREATE FUNCTION private.helper() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';`,
    fixable: true,
  },
  {
    finding: 'view_bypasses_rls',
    object: () => 'api.all_todos',
    sql: `CREATE VIEW api.all_todos AS SELECT id, task FROM api.todos; ALTER VIEW api.all_todos OWNER TO {owner};
          GRANT SELECT ON api.all_todos TO {anon};`,
    fixable: (major) => major >= 15,
  },
  {
    finding: 'public_grant',
    object: () => 'api.posts',
    sql: 'GRANT SELECT ON api.posts TO PUBLIC;',
    fixable: true,
  },
  {
    finding: 'schema_without_usage',
    object: () => 'schema api',
    sql: 'REVOKE USAGE ON SCHEMA api FROM {anon};',
    fixable: true,
  },
  {
    finding: 'pre_request_unusable',
    object: () => 'config db-pre-request',
    config: 'db-pre-request = "api.check_request"',
    fixable: false,
  },
  {
    finding: 'jwt_secret_short',
    object: () => 'config jwt-secret',
    config: 'jwt-secret = "too-short"',
    fixable: false,
  },
  {
    finding: 'system_schema_exposed',
    object: () => 'config db-schemas',
    config: 'db-schemas = "api, pg_catalog"',
    fixable: false,
  },
  {
    finding: 'policy_per_row_call',
    object: () => 'policy todos_mine on api.todos',
    sql: `CREATE POLICY todos_mine ON api.todos AS RESTRICTIVE FOR UPDATE TO {user}
            USING (owner = current_setting('request.jwt.claims', true)::json ->> 'sub');`,
    fixable: true,
  },
  {
    finding: 'multiple_permissive_policies',
    object: () => 'api.posts',
    sql: 'CREATE POLICY posts_recent ON api.posts FOR SELECT TO {anon}, {user} USING (id > 100);',
    fixable: true,
  },
  {
    finding: 'unindexed_policy_column',
    object: () => 'api.posts.title',
    sql: `CREATE POLICY posts_titled ON api.posts AS RESTRICTIVE FOR SELECT TO {anon} USING (title <> '');`,
    fixable: true,
  },
  {
    finding: 'unindexed_foreign_key',
    object: () => 'api.tags.tags_todo_id_fkey',
    sql: `CREATE TABLE api.tags (id int PRIMARY KEY, todo_id bigint REFERENCES api.todos (id));
          ALTER TABLE api.tags ENABLE ROW LEVEL SECURITY;`,
    fixable: true,
  },
];
