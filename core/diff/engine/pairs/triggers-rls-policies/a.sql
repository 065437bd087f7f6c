CREATE SCHEMA api;
CREATE TABLE api.notes (id integer PRIMARY KEY, owner text DEFAULT current_user, body text);
CREATE FUNCTION api.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER notes_stamp BEFORE INSERT ON api.notes FOR EACH ROW EXECUTE FUNCTION api.stamp();
CREATE TRIGGER notes_audit AFTER DELETE ON api.notes FOR EACH ROW EXECUTE FUNCTION api.stamp();
ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON api.notes FOR SELECT TO {{anon}} USING (owner = current_user);
CREATE POLICY notes_write ON api.notes FOR UPDATE USING (true);
CREATE POLICY notes_gone ON api.notes FOR DELETE USING (false);
