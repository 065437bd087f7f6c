-- What the OpenAPI root document needs from the database, run inside the request transaction as the request's
-- role (PostgREST asks the database at request time, so privileges are the role's own):
--   $1 the schema the document describes, $2 'true' for openapi-mode ignore-privileges.
-- One row in the main statement's shape; `body` is a JSON object:
--   description  the schema comment
--   tables       relations of the schema: name, description, accessible (any privilege, or owner membership),
--                columns (name, description, maxLength, enum labels) in attnum order
--   functions    callable functions with EXECUTE (all in ignore mode): params, volatility, description
WITH
base_types AS (
  WITH RECURSIVE recurse AS (
    SELECT oid, typbasetype, COALESCE(NULLIF(typbasetype, 0), oid) AS base_type FROM pg_type
    UNION
    SELECT r.oid, b.typbasetype, COALESCE(NULLIF(b.typbasetype, 0), b.oid)
    FROM recurse r JOIN pg_type b ON r.typbasetype = b.oid
  )
  SELECT oid, base_type FROM recurse WHERE typbasetype = 0
),
rels AS (
  SELECT
    c.oid,
    c.relname,
    d.description,
    -- openapi-mode follow-privileges keeps relations the role owns (or is a member of the owner) or holds any
    -- table or column privilege on
    $2::boolean
      OR pg_has_role(c.relowner, 'USAGE')
      OR has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
      OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES') AS accessible
  FROM pg_class c
  LEFT JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = 0 AND d.classoid = 'pg_class'::regclass
  WHERE c.relnamespace = $1::regnamespace
    AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT c.relispartition
),
cols AS (
  SELECT
    a.attrelid,
    json_agg(json_build_object(
      'name', a.attname,
      'description', d.description,
      'maxLength', information_schema._pg_char_max_length(
        information_schema._pg_truetypid(a.*, t.*), information_schema._pg_truetypmod(a.*, t.*))::integer,
      'enum', COALESCE(
        (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = bt.base_type),
        '{}')
    ) ORDER BY a.attnum) AS columns
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN base_types bt ON bt.oid = t.oid
  LEFT JOIN pg_description d
    ON d.objoid = a.attrelid AND d.objsubid = a.attnum AND d.classoid = 'pg_class'::regclass
  WHERE a.attrelid IN (SELECT oid FROM rels) AND a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid
),
args AS (
  SELECT
    p.oid,
    json_agg(json_build_object(
      'name', COALESCE(x.name, ''),
      'type', x.type::regtype::text,
      'required', x.idx <= (p.pronargs - p.pronargdefaults),
      'variadic', COALESCE(x.mode = 'v', false)
    ) ORDER BY x.idx) AS params,
    -- unnamed parameters make a function uncallable, unless it is the one unnamed json/text/xml/bytea body
    CASE count(*) - count(x.name)
      WHEN 0 THEN true
      WHEN 1 THEN (array_agg(x.type))[1]
        IN ('bytea'::regtype, 'json'::regtype, 'jsonb'::regtype, 'text'::regtype, 'xml'::regtype)
      ELSE false
    END AS callable
  FROM pg_proc p,
    unnest(p.proargnames, p.proargtypes, p.proargmodes) WITH ORDINALITY AS x(name, type, mode, idx)
  WHERE p.pronamespace = $1::regnamespace AND x.type IS NOT NULL
  GROUP BY p.oid
),
funcs AS (
  SELECT
    p.proname,
    p.pronargs,
    p.oid,
    json_build_object(
      'name', p.proname,
      'description', d.description,
      'params', COALESCE(a.params, '[]'),
      'volatility', CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END
    ) AS fn
  FROM pg_proc p
  LEFT JOIN args a ON a.oid = p.oid
  LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass
  WHERE p.pronamespace = $1::regnamespace
    AND p.prokind = 'f'
    AND p.prorettype <> 'trigger'::regtype
    AND COALESCE(a.callable, true)
    AND ($2::boolean OR has_function_privilege(p.oid, 'execute'))
)
SELECT
  NULL::bigint AS total_result_set,
  1::bigint AS page_total,
  '{}'::text[] AS header,
  json_build_object(
    'description', obj_description($1::regnamespace, 'pg_namespace'),
    'tables', COALESCE((
      SELECT json_agg(json_build_object(
        'name', r.relname,
        'description', r.description,
        'accessible', r.accessible,
        'columns', COALESCE(c.columns, '[]')
      ) ORDER BY r.relname)
      FROM rels r LEFT JOIN cols c ON c.attrelid = r.oid), '[]'),
    'functions', COALESCE((SELECT json_agg(f.fn ORDER BY f.proname, f.pronargs, f.oid) FROM funcs f), '[]')
  )::text AS body,
  NULL::text AS response_headers,
  NULL::text AS response_status
