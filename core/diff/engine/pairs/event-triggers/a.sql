-- Event triggers (database-wide, superuser only): one kept, one dropped, one switched off, one whose tags
-- change (recreated), one whose function moves, one whose comment changes.
CREATE SCHEMA audit;
CREATE FUNCTION audit.note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FUNCTION audit.note_too() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER kept ON ddl_command_start EXECUTE FUNCTION audit.note();
CREATE EVENT TRIGGER dropped ON sql_drop EXECUTE FUNCTION audit.note();
CREATE EVENT TRIGGER switched ON ddl_command_end EXECUTE FUNCTION audit.note();
CREATE EVENT TRIGGER tagged ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION audit.note();
CREATE EVENT TRIGGER moved ON table_rewrite EXECUTE FUNCTION audit.note();
CREATE EVENT TRIGGER commented ON ddl_command_start EXECUTE FUNCTION audit.note();
COMMENT ON EVENT TRIGGER commented IS 'before';
