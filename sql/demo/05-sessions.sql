-- Cookie sessions through db-pre-request (the postgrest-sessions pattern): a request carrying the cookie
-- `session=<token>` runs as that session's role and subject, as if it had sent their JWT. Runs as
-- "developer" on every start (idempotent), so demo databases made before it get it too.
CREATE TABLE IF NOT EXISTS internal.sessions (
  token text PRIMARY KEY,
  sub text NOT NULL,
  role regrole NOT NULL,
  expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days'
);
COMMENT ON TABLE internal.sessions IS 'Cookie sessions app.check_session() accepts; no request role reads it.';

-- The session of a token, read with the owner's rights (request roles cannot read internal.*).
CREATE OR REPLACE FUNCTION app.session_of(token text) RETURNS TABLE (sub text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = ''
AS $$
  SELECT s.sub, r.rolname::text
  FROM internal.sessions AS s JOIN pg_catalog.pg_roles AS r ON r.oid = s.role::oid
  WHERE s.token = session_of.token AND s.expires_at > now()
$$;

-- db-pre-request: with a `session` cookie, become its role and subject; an unknown one is refused (401).
-- SECURITY INVOKER on purpose: PostgreSQL does not allow switching the role inside a SECURITY DEFINER function.
CREATE OR REPLACE FUNCTION app.check_session() RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = ''
AS $$
DECLARE
  token text := nullif(current_setting('request.cookies', true), '')::json ->> 'session';
  sess record;
BEGIN
  IF token IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO sess FROM app.session_of(token);
  IF NOT FOUND THEN
    RAISE SQLSTATE 'PT401' USING MESSAGE = 'Unknown or expired session', HINT = 'Sign in again: the session cookie is not valid.';
  END IF;
  PERFORM set_config('role', sess.role, true);
  PERFORM set_config('request.jwt.claims', json_build_object('role', sess.role, 'sub', sess.sub)::text, true);
END
$$;

GRANT USAGE ON SCHEMA app TO "anon";
GRANT EXECUTE ON FUNCTION app.session_of(text) TO "anon", "app_user", "app_admin";
GRANT EXECUTE ON FUNCTION app.check_session() TO "anon", "app_user", "app_admin";

INSERT INTO internal.sessions (token, sub, role, expires_at) VALUES
  ('alice-session', 'alice', '"app_user"'::regrole, '2999-01-01'),
  ('bob-session', 'bob', '"app_user"'::regrole, '2999-01-01')
ON CONFLICT (token) DO NOTHING;
