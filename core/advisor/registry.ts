import type { Severity } from '../../shared/contract/advisor.js';

/** One kind of finding: a stable id (never reused once retired), its severity and why it matters. */
export interface FindingDefinition {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly why: string;
}

const define = <const T extends Record<string, Omit<FindingDefinition, 'id'>>>(
  defs: T,
): { readonly [K in keyof T]: FindingDefinition & { id: K } } =>
  Object.fromEntries(Object.entries(defs).map(([id, d]) => [id, { id, ...d }])) as never;

/** Every finding the advisor knows, by id. The ids are the keys acknowledgements and CI filters use. */
export const FINDINGS = define({
  // ------------------------------------------------------------------ roles (roles.ts)
  role_superuser: {
    severity: 'error',
    title: 'The authenticator or a request role is a superuser',
    why:
      'A superuser skips every privilege check and every row-level security policy. PostgREST runs each request ' +
      "as the authenticator and then as the request's role: if either is a superuser, one leaked token, a " +
      'pre-request function or a SECURITY DEFINER mistake hands out the whole cluster, not one API.',
  },
  role_bypassrls: {
    severity: 'error',
    title: 'The authenticator or a request role has BYPASSRLS',
    why:
      'BYPASSRLS makes PostgreSQL ignore every row-level security policy for that role. The policies written for ' +
      'the API then protect nothing for requests that run as it: every row of every table it may read is returned.',
  },
  authenticator_inherit: {
    severity: 'warning',
    title: 'The authenticator inherits the privileges of the roles it may become',
    why:
      'PostgREST connects as the authenticator and only then switches to the request role. An INHERIT ' +
      'authenticator already holds the union of every request role’s privileges before the switch, so anything ' +
      'that runs before SET ROLE (a pre-request function, a misconfigured role claim) runs with all of them. ' +
      'PostgREST’s documentation creates it NOINHERIT.',
  },
  authenticator_owns_objects: {
    severity: 'warning',
    title: 'The authenticator owns database objects',
    why:
      'An owner may change, drop and grant its objects and is exempt from their row-level security. The ' +
      'authenticator’s password sits in PostgREST’s configuration; if it owns objects, that password is enough to ' +
      'alter the API. Objects belong to a role nobody logs in as over HTTP.',
  },
  request_role_login: {
    severity: 'warning',
    title: 'A request role can log in',
    why:
      'Request roles are entered with SET ROLE by the authenticator; they never need LOGIN. A request role that ' +
      'can log in can be used directly against the database, around PostgREST and its JWT checks, by anyone ' +
      'who guesses or finds its password.',
  },
  role_not_granted: {
    severity: 'error',
    title: 'A request role is not granted to the authenticator',
    why:
      'PostgREST switches to the anonymous role and to the role named in each JWT with SET ROLE, which works only ' +
      'for roles granted to the authenticator. A role that is missing (or not granted) makes every such request ' +
      'fail with “permission denied to set role”.',
  },
  // ------------------------------------------------------------------ RLS (rls.ts, policies.ts)
  table_without_rls: {
    severity: 'error',
    title: 'A table in an exposed schema has no row-level security',
    why:
      'Without row-level security a table’s grants are the only barrier: a role that may SELECT it reads every ' +
      'row over HTTP, a role that may write changes every row. In an exposed schema that is whoever holds a ' +
      'token for the role (or nobody at all, for the anonymous role). Enable RLS and write policies for what ' +
      'each role may see and change.',
  },
  write_without_policy: {
    severity: 'error',
    title: 'A request role can write to a table no policy guards',
    why:
      'The role holds INSERT, UPDATE or DELETE on a table without row-level security, so no policy limits which ' +
      'rows a request changes: PATCH or DELETE without a filter changes every row. Revoke the write privilege, ' +
      'or enable RLS and write a policy for the command.',
  },
  view_over_table_without_rls: {
    severity: 'warning',
    title: 'An exposed view reads a table without row-level security',
    why:
      'The view shows rows of a table that has no row-level security, so every row the view selects reaches ' +
      'every role that may read the view. Hiding a table behind a view controls columns, not rows.',
  },
  rls_not_forced: {
    severity: 'warning',
    title: 'RLS is enabled but not forced on a table whose owner requests act as',
    why:
      'A table’s owner, and every role that inherits the owner’s privileges, is exempt from the table’s policies ' +
      'unless RLS is forced. A request role that is (or inherits) the owner therefore reads and writes every row ' +
      'despite the policies.',
  },
  policy_write_all: {
    severity: 'error',
    title: 'A policy lets anonymous or PUBLIC requests write every row',
    why:
      'A permissive policy for INSERT, UPDATE, DELETE or ALL whose USING or WITH CHECK is `true`, for the anonymous ' +
      'role or PUBLIC, lets anyone without a token add, change or delete any row, as far as the grants allow.',
  },
  public_read_policy: {
    severity: 'info',
    title: 'A policy makes every row public to read',
    why:
      '`FOR SELECT … USING (true)` for the anonymous role or PUBLIC is the usual way to publish a table; noted so ' +
      'that it is a decision, not an accident.',
  },
  policy_rls_disabled: {
    severity: 'error',
    title: 'A table has policies but row-level security is off',
    why:
      'Policies take effect only when row-level security is enabled on the table. These policies look like ' +
      'protection and are not: every role with a grant reads and writes every row.',
  },
  rls_no_policy: {
    severity: 'info',
    title: 'RLS denies a command silently: no policy for it',
    why:
      'Row-level security is on and the role is granted the command, but no policy applies to it, so PostgreSQL ' +
      'returns no rows (or refuses the write) without an error. Either a policy is missing or the grant is.',
  },
  // ------------------------------------------------------------------ JWT (jwt-claims.ts)
  obsolete_jwt_claim_setting: {
    severity: 'error',
    title: 'A policy or function reads the obsolete request.jwt.claim.* settings',
    why:
      'PostgREST 9 and later set one JSON setting, `request.jwt.claims`; the per-claim settings ' +
      '`request.jwt.claim.<name>` are no longer set, so `current_setting(…, true)` returns NULL and a policy ' +
      'comparing with it silently matches nothing (or, negated, everything). Read ' +
      "`current_setting('request.jwt.claims', true)::json ->> '<name>'` instead.",
  },
  // ------------------------------------------------------------------ functions (functions.ts)
  function_public_execute: {
    severity: 'warning',
    title: 'A function in an exposed schema is executable by PUBLIC',
    why:
      'PostgreSQL grants EXECUTE on every new function to PUBLIC, so each function in an exposed schema is an ' +
      'RPC endpoint for every role, the anonymous one included, whatever the API’s grants say. Revoke EXECUTE ' +
      'from PUBLIC and grant it to the roles that should call it.',
  },
  default_execute_public: {
    severity: 'warning',
    title: 'Functions created in future will be executable by PUBLIC',
    why:
      'Without `ALTER DEFAULT PRIVILEGES … REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`, every function this role ' +
      'creates is callable by everyone the moment it exists, before anyone reviews its grants.',
  },
  security_definer_exposed: {
    severity: 'warning',
    title: 'A SECURITY DEFINER function is an RPC endpoint',
    why:
      'A SECURITY DEFINER function runs with its owner’s privileges and, when the owner owns the tables, outside ' +
      'their row-level security. Exposed as /rpc, it is a hole in the API’s privileges unless it checks the ' +
      'caller itself. Keep such functions in an unexposed schema and call them from invoker functions.',
  },
  security_definer_search_path: {
    severity: 'warning',
    title: 'A SECURITY DEFINER function has no fixed search_path',
    why:
      'The function runs as its owner but resolves names through the caller’s search_path, so a caller who can ' +
      'create objects in a schema earlier on the path (or in pg_temp) can make it run their code with the ' +
      'owner’s privileges. Pin search_path on the function, with pg_temp last.',
  },
  // ------------------------------------------------------------------ views (views.ts)
  view_bypasses_rls: {
    severity: 'error',
    title: 'An exposed view bypasses row-level security',
    why:
      'A view reads its tables with its owner’s privileges unless it is `security_invoker` (PostgreSQL 15+). When ' +
      'the owner owns those tables (and RLS is not forced), or is a superuser or BYPASSRLS, their policies do not ' +
      'apply through the view: every role that may read the view sees every row.',
  },
  // ------------------------------------------------------------------ grants (grants.ts)
  public_grant: {
    severity: 'warning',
    title: 'A table or sequence is granted to PUBLIC',
    why:
      'PUBLIC is every role, present and future, the anonymous request role included. A grant to PUBLIC makes the ' +
      'object reachable by requests that were never meant to reach it; grant to the roles that need it.',
  },
  // ------------------------------------------------------------------ configuration (config-checks.ts)
  schema_without_usage: {
    severity: 'error',
    title: 'A request role has no USAGE on an exposed schema',
    why:
      'PostgREST looks up every request in db-schemas as the request role; without USAGE on the schema, every ' +
      'request to it fails with “permission denied for schema” (HTTP 401 or 403), whatever the table grants.',
  },
  pre_request_unusable: {
    severity: 'error',
    title: 'The db-pre-request function does not exist or is not executable',
    why:
      'PostgREST calls db-pre-request at the start of every request, as the request role. If it is missing or ' +
      'the role may not execute it, every request fails.',
  },
  jwt_secret_short: {
    severity: 'error',
    title: 'The JWT secret is shorter than 32 characters',
    why:
      'PostgREST refuses an HS256 secret shorter than 32 characters and does not start; a short secret can also ' +
      'be brute-forced offline from any token. Use a random secret of at least 32 characters, or a JWK.',
  },
  system_schema_exposed: {
    severity: 'error',
    title: 'db-schemas names pg_catalog or information_schema',
    why:
      'PostgREST refuses to expose the system schemas (and does not start); exposing them would publish the ' +
      'catalog — every role, table and function definition — over HTTP.',
  },
  // ------------------------------------------------------------------ performance (performance.ts)
  policy_per_row_call: {
    severity: 'warning',
    title: 'A policy calls a function per row',
    why:
      'A policy is evaluated for every row the query reads. `current_setting(…)` or a function whose arguments do ' +
      'not depend on the row is computed again on each of them; wrapped in a scalar subquery, `(SELECT …)`, ' +
      'PostgreSQL computes it once per query (an InitPlan).',
  },
  multiple_permissive_policies: {
    severity: 'warning',
    title: 'Several permissive policies apply to one role and command',
    why:
      'Permissive policies are ORed together and each one is evaluated for every row, so several of them for ' +
      'the same role and command cost several times as much as one policy with the conditions combined.',
  },
  unindexed_policy_column: {
    severity: 'warning',
    title: 'A policy filters on a column without an index',
    why:
      'A policy’s condition is added to every query on the table; filtering on a column without an index turns ' +
      'every request into a sequential scan of the whole table.',
  },
  unindexed_foreign_key: {
    severity: 'info',
    title: 'A foreign key used for embedding has no index',
    why:
      'PostgREST embeds related rows by joining on foreign keys (`select=*,items(*)`). Without an index on the ' +
      'referencing columns every embed scans the whole referencing table.',
  },
});

export type FindingId = keyof typeof FINDINGS;
export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];
