-- The privilege oracle of privileges.pg.test.ts: PostgreSQL's own answer for every role of $1 × every object of
-- the schemas $2 × every privilege, in one query. $3: the relation privileges of this server (MAINTAIN from 17),
-- $4: the pg_has_role modes to ask (SET from 16). One row per question: held, and held WITH GRANT OPTION.
WITH r AS (
  SELECT ro.oid, ro.rolname AS name FROM unnest($1::text[]) AS want(name) JOIN pg_catalog.pg_roles AS ro ON ro.rolname = want.name
),
n AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY ($2::text[])
),
rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class AS c JOIN n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
)
SELECT 'table' AS kind, r.name AS role, rel.nspname AS schema, rel.relname AS name, NULL AS args, NULL AS col, p AS priv,
       pg_catalog.has_table_privilege(r.oid, rel.oid, p) AS held,
       pg_catalog.has_table_privilege(r.oid, rel.oid, p || ' WITH GRANT OPTION') AS grant_option
FROM r CROSS JOIN rel CROSS JOIN unnest($3::text[]) AS p
WHERE rel.relkind <> 'S'
UNION ALL
SELECT 'column', r.name, rel.nspname, rel.relname, NULL, a.attname, p,
       pg_catalog.has_column_privilege(r.oid, rel.oid, a.attnum, p),
       pg_catalog.has_column_privilege(r.oid, rel.oid, a.attnum, p || ' WITH GRANT OPTION')
FROM r CROSS JOIN rel
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'REFERENCES']) AS p
WHERE rel.relkind <> 'S'
UNION ALL
SELECT 'sequence', r.name, rel.nspname, rel.relname, NULL, NULL, p,
       pg_catalog.has_sequence_privilege(r.oid, rel.oid, p),
       pg_catalog.has_sequence_privilege(r.oid, rel.oid, p || ' WITH GRANT OPTION')
FROM r CROSS JOIN rel CROSS JOIN unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p
WHERE rel.relkind = 'S'
UNION ALL
SELECT 'function', r.name, n.nspname, f.proname, pg_catalog.pg_get_function_identity_arguments(f.oid), NULL, 'EXECUTE',
       pg_catalog.has_function_privilege(r.oid, f.oid, 'EXECUTE'),
       pg_catalog.has_function_privilege(r.oid, f.oid, 'EXECUTE WITH GRANT OPTION')
FROM r CROSS JOIN pg_catalog.pg_proc AS f JOIN n ON n.oid = f.pronamespace
UNION ALL
SELECT 'schema', r.name, NULL, n.nspname, NULL, NULL, p,
       pg_catalog.has_schema_privilege(r.oid, n.oid, p),
       pg_catalog.has_schema_privilege(r.oid, n.oid, p || ' WITH GRANT OPTION')
FROM r CROSS JOIN n CROSS JOIN unnest(ARRAY['USAGE', 'CREATE']) AS p
UNION ALL
SELECT 'type', r.name, n.nspname, t.typname, NULL, NULL, 'USAGE',
       pg_catalog.has_type_privilege(r.oid, t.oid, 'USAGE'),
       pg_catalog.has_type_privilege(r.oid, t.oid, 'USAGE WITH GRANT OPTION')
FROM r CROSS JOIN pg_catalog.pg_type AS t JOIN n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class AS tc ON tc.oid = t.typrelid
WHERE (t.typrelid = 0 OR tc.relkind = 'c') AND t.typtype <> 'p'
  AND t.typsubscript <> 'pg_catalog.array_subscript_handler'::regproc
UNION ALL
SELECT 'database', r.name, NULL, d.datname, NULL, NULL, p,
       pg_catalog.has_database_privilege(r.oid, d.oid, p),
       pg_catalog.has_database_privilege(r.oid, d.oid, p || ' WITH GRANT OPTION')
FROM r CROSS JOIN pg_catalog.pg_database AS d CROSS JOIN unnest(ARRAY['CREATE', 'CONNECT', 'TEMPORARY']) AS p
WHERE d.datname = current_database()
UNION ALL
SELECT 'role', r.name, NULL, t.name, NULL, NULL, m,
       pg_catalog.pg_has_role(r.oid, t.oid, m), NULL
FROM r CROSS JOIN r AS t CROSS JOIN unnest($4::text[]) AS m
