/**
 * A schema covering every kind of object the catalog model describes, for the catalog tests.
 * Roles are cluster-wide, so their names carry a unique suffix. `dev` is the non-superuser who owns the
 * objects (like the studio's "developer" login); `anon` and `auth` are API roles.
 */
export interface FixtureRoles {
  readonly dev: string;
  readonly anon: string;
  readonly auth: string;
  readonly member: string;
}

export function fixtureRoles(suffix: string): FixtureRoles {
  return {
    dev: `gh_dev_${suffix}`,
    anon: `gh_anon_${suffix}`,
    auth: `gh_auth_${suffix}`,
    member: `gh_member_${suffix}`,
  };
}

export const DEV_PASSWORD = 'dev-secret';

/** Run as the superuser first: roles, role and database settings, the FDW, database and language grants. */
export function superuserSetup(r: FixtureRoles, database: string, major: number): string {
  const membershipOptions = major >= 16 ? 'WITH ADMIN TRUE, INHERIT FALSE, SET FALSE' : 'WITH ADMIN OPTION';
  return `
    CREATE ROLE "${r.dev}" LOGIN PASSWORD '${DEV_PASSWORD}';
    CREATE ROLE "${r.anon}" NOLOGIN;
    CREATE ROLE "${r.auth}" NOLOGIN NOINHERIT BYPASSRLS CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00';
    CREATE ROLE "${r.member}" LOGIN;
    COMMENT ON ROLE "${r.auth}" IS 'authenticated users';
    GRANT "${r.auth}" TO "${r.member}" ${membershipOptions};
    GRANT "${r.anon}" TO "${r.dev}";
    GRANT "${r.auth}" TO "${r.dev}";
    ALTER ROLE "${r.anon}" SET statement_timeout = '5s';
    ALTER ROLE "${r.anon}" IN DATABASE "${database}" SET work_mem = '8MB';
    ALTER DATABASE "${database}" SET search_path = api, public;
    GRANT CREATE, CONNECT ON DATABASE "${database}" TO "${r.dev}";
    GRANT CONNECT ON DATABASE "${database}" TO "${r.anon}";
    REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
    GRANT USAGE ON LANGUAGE plpgsql TO "${r.dev}" WITH GRANT OPTION;
    CREATE TABLE public.countries (code text PRIMARY KEY);
    GRANT REFERENCES ON public.countries TO "${r.dev}";
    CREATE FOREIGN DATA WRAPPER gh_dummy_fdw;
    CREATE SERVER gh_dummy_server FOREIGN DATA WRAPPER gh_dummy_fdw;
    GRANT USAGE ON FOREIGN SERVER gh_dummy_server TO "${r.dev}";
  `;
}

/**
 * Event triggers (only a superuser may create one; run after ownerSetup, so they fire on nothing of it): one
 * limited to two tags and enabled ALWAYS with a comment, one on sql_drop left disabled.
 */
export function eventTriggerSetup(): string {
  return `
    CREATE FUNCTION public.gh_note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
    CREATE EVENT TRIGGER gh_note_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
      EXECUTE FUNCTION public.gh_note_ddl();
    ALTER EVENT TRIGGER gh_note_ddl ENABLE ALWAYS;
    COMMENT ON EVENT TRIGGER gh_note_ddl IS 'notes table DDL';
    CREATE EVENT TRIGGER gh_note_drop ON sql_drop EXECUTE FUNCTION public.gh_note_ddl();
    ALTER EVENT TRIGGER gh_note_drop DISABLE;
  `;
}

/**
 * Publications (run as the superuser after ownerSetup, which made the tables): one naming two tables (on 15+ with
 * a column list and a row filter) with a comment, one FOR ALL TABLES publishing inserts only through partition
 * roots and, on 15+, one of a schema's tables (15 refuses column lists beside TABLES IN SCHEMA).
 */
export function publicationSetup(major: number): string {
  const authors = major >= 15 ? 'api.authors (id, name) WHERE (id > 0)' : 'api.authors';
  return `
    CREATE PUBLICATION gh_changes FOR TABLE ${authors}, api.books;
    COMMENT ON PUBLICATION gh_changes IS 'what replicas follow';
    CREATE PUBLICATION gh_everything FOR ALL TABLES WITH (publish = 'insert', publish_via_partition_root = true);
    ${major >= 15 ? 'CREATE PUBLICATION gh_public FOR TABLES IN SCHEMA public;' : ''}
  `;
}

/** Rules (run after ownerSetup, on its tables): one disabled with a comment, one INSTEAD on a view of its own. */
export function ruleSetup(): string {
  return `
    CREATE RULE gh_no_delete AS ON DELETE TO api.books DO INSTEAD NOTHING;
    ALTER TABLE api.books DISABLE RULE gh_no_delete;
    COMMENT ON RULE gh_no_delete ON api.books IS 'books stay';
    CREATE VIEW api.gh_titles AS SELECT id, title FROM api.books;
    CREATE RULE gh_titles_update AS ON UPDATE TO api.gh_titles
      DO INSTEAD UPDATE api.books SET title = new.title WHERE id = old.id;
  `;
}

/** Run as the superuser after SET ROLE dev: everything below is owned by dev. */
/** `major`: PG15 added UNIQUE NULLS NOT DISTINCT and security_invoker views; on 14 the fixture uses the plain forms. */
export function ownerSetup(r: FixtureRoles, major: number): string {
  const nullsNotDistinct = major >= 15 ? 'NULLS NOT DISTINCT ' : '';
  const invoker = major >= 15 ? 'security_invoker = true, ' : '';
  return `
    SET ROLE "${r.dev}";
    CREATE SCHEMA api;
    COMMENT ON SCHEMA api IS 'the API';
    CREATE TYPE api.mood AS ENUM ('sad', 'ok', 'happy');
    CREATE DOMAIN api.email AS text NOT NULL CONSTRAINT email_at CHECK (VALUE ~ '@');
    CREATE TYPE api.pair AS (a int, b text);
    CREATE TYPE api.span AS RANGE (subtype = int4);
    COMMENT ON TYPE api.mood IS 'how it feels';
    CREATE SEQUENCE api.counter START 10 INCREMENT 5;

    CREATE TABLE api.authors (
      id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      email api.email,
      mood api.mood DEFAULT 'ok',
      tags text[],
      name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
      "Select Me" text,
      "order" int,
      CONSTRAINT name_len CHECK (length(name) < 100),
      CONSTRAINT authors_select_me_key UNIQUE ("Select Me") INCLUDE (tags),
      CONSTRAINT authors_order_key UNIQUE ${nullsNotDistinct}("order", mood) DEFERRABLE INITIALLY DEFERRED
    );
    COMMENT ON TABLE api.authors IS 'people who write';
    COMMENT ON COLUMN api.authors.name IS 'display name';

    CREATE TABLE api.books (
      id bigserial PRIMARY KEY,
      author_id int NOT NULL,
      title varchar(200) NOT NULL,
      isbn text UNIQUE,
      CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES api.authors (id)
        ON DELETE CASCADE ON UPDATE RESTRICT
    );
    CREATE INDEX books_title_idx ON api.books (lower(title)) INCLUDE (id) WHERE isbn IS NOT NULL;
    ALTER TABLE api.books ENABLE ROW LEVEL SECURITY;
    ALTER TABLE api.books FORCE ROW LEVEL SECURITY;
    CREATE POLICY books_read ON api.books AS PERMISSIVE FOR SELECT USING (author_id > 0);
    CREATE POLICY books_own ON api.books AS RESTRICTIVE FOR UPDATE TO "${r.auth}", "${r.anon}"
      USING (author_id = 1) WITH CHECK (author_id = 1);
    COMMENT ON POLICY books_read ON api.books IS 'everyone reads';

    CREATE TABLE api.bookings (
      room int, during int4range, country text REFERENCES public.countries (code),
      EXCLUDE USING gist (during WITH &&)
    );
    CREATE TABLE api.events (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
    CREATE TABLE api.events_2024 PARTITION OF api.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    CREATE FOREIGN TABLE api.remote (id int) SERVER gh_dummy_server;

    CREATE VIEW api.book_view AS
      SELECT b.id, b.title AS headline, upper(b.title) AS shout, b.author_id FROM api.books AS b;
    CREATE VIEW api.book_view2 AS
      SELECT v.headline, v.author_id AS writer FROM api.book_view AS v
      WHERE v.id IN (SELECT x.id FROM api.books AS x WHERE x.isbn IS NULL);
    CREATE VIEW api.nested AS SELECT s.x, 1 AS one FROM (SELECT a.name AS x FROM api.authors AS a) AS s;
    CREATE VIEW api.secure WITH (${invoker}security_barrier) AS
      SELECT id, name FROM api.authors WITH LOCAL CHECK OPTION;
    CREATE MATERIALIZED VIEW api.author_stats AS
      SELECT author_id, count(*) AS n FROM api.books GROUP BY author_id;

    CREATE FUNCTION api.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
    CREATE TRIGGER books_touch BEFORE INSERT OR UPDATE ON api.books
      FOR EACH ROW EXECUTE FUNCTION api.touch();
    CREATE FUNCTION api.add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a + b';
    COMMENT ON FUNCTION api.add(int, int) IS 'adds';
    CREATE FUNCTION api.books_by(author int) RETURNS SETOF api.books LANGUAGE sql STABLE
      AS 'SELECT * FROM api.books WHERE author_id = author';
    CREATE FUNCTION api.search(q text, VARIADIC tags text[]) RETURNS TABLE (id int, title text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = api, pg_temp
      AS $$ SELECT b.id::int, b.title::text FROM api.books AS b WHERE b.title ILIKE q $$;
    CREATE FUNCTION api.cheer(m api.mood) RETURNS api.mood LANGUAGE sql AS $$ SELECT 'happy'::api.mood $$;
    CREATE PROCEDURE api.reset(INOUT n int) LANGUAGE plpgsql AS $$BEGIN n := 0; END$$;

    GRANT USAGE ON SCHEMA api TO "${r.anon}";
    GRANT SELECT ON api.books TO "${r.anon}" WITH GRANT OPTION;
    GRANT SELECT (id, name), UPDATE (name) ON api.authors TO "${r.anon}";
    REVOKE EXECUTE ON FUNCTION api.add(int, int) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION api.add(int, int) TO "${r.auth}";
    GRANT USAGE ON SEQUENCE api.counter TO "${r.auth}";
    GRANT USAGE ON TYPE api.mood TO "${r.anon}";
    ALTER DEFAULT PRIVILEGES IN SCHEMA api GRANT SELECT ON TABLES TO "${r.anon}";
    ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
    RESET ROLE;
  `;
}

/** Drops the cluster-wide roles (the database is dropped separately, first). */
export function dropRoles(r: FixtureRoles): string {
  return [r.member, r.auth, r.anon, r.dev].map((n) => `DROP ROLE IF EXISTS "${n}";`).join('\n');
}
