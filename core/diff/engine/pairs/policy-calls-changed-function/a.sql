CREATE SCHEMA api;
CREATE FUNCTION api.is_owner(owner text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT owner = current_user $$;
CREATE TABLE api.docs (id integer PRIMARY KEY, owner text, body text);
ALTER TABLE api.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_own ON api.docs FOR SELECT USING (api.is_owner(owner));
CREATE POLICY docs_all ON api.docs FOR INSERT TO {{anon}} WITH CHECK (true);
GRANT EXECUTE ON FUNCTION api.is_owner(text) TO {{anon}};
