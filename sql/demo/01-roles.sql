-- Cluster-wide roles of the demo, following the PostgREST production checklist. Runs as the superuser
-- on every start (idempotent). Names and generated passwords arrive in the session setting
-- gatehouse.seed (set with a bind parameter by core/embedded/demo-seed.ts), so no secret is ever part of
-- the statement text or the server log.
DO $seed$
DECLARE
  cfg json := current_setting('gatehouse.seed')::json;
  request_role text;
BEGIN
  -- developer: logs in and OWNS the demo database and everything in it; deliberately not a superuser
  -- and without BYPASSRLS, so RLS is what the studio shows (CREATEROLE lets it manage request roles).
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = cfg ->> 'developer') THEN
    EXECUTE format('CREATE ROLE %I LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS NOCREATEDB', cfg ->> 'developer');
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', cfg ->> 'developer', cfg ->> 'developer_password');

  -- authenticator: the role PostgREST logs in as; NOINHERIT so it has no privileges of its own until
  -- it switches to a request role.
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = cfg ->> 'authenticator') THEN
    EXECUTE format(
      'CREATE ROLE %I LOGIN NOINHERIT NOCREATEDB NOCREATEROLE NOSUPERUSER NOBYPASSRLS',
      cfg ->> 'authenticator'
    );
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', cfg ->> 'authenticator', cfg ->> 'authenticator_password');

  -- Request roles: never log in; the authenticator (and developer, to act as them) may switch to them.
  FOREACH request_role IN ARRAY ARRAY[cfg ->> 'anon', cfg ->> 'app_user', cfg ->> 'app_admin'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = request_role) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', request_role);
    END IF;
    EXECUTE format('GRANT %I TO %I', request_role, cfg ->> 'authenticator');
    EXECUTE format('GRANT %I TO %I', request_role, cfg ->> 'developer');
  END LOOP;
END
$seed$;
