-- PostgREST-style schema cache in one round trip: relations with columns and primary keys, foreign keys
-- (with one-to-one detection), view column sources (from the view's rewrite rule), functions and
-- computed relationships. $1 = the exposed schemas (text[]). Returns a single json value.
WITH
exposed AS (
  SELECT n.oid AS nsp FROM pg_namespace n WHERE n.nspname = ANY ($1::text[])
),
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
    n.nspname AS schema,
    c.relname AS name,
    c.relkind IN ('v', 'm') AS is_view,
    (c.relkind IN ('r', 'p') OR (c.relkind IN ('v', 'f') AND (pg_relation_is_updatable(c.oid::regclass, true) & 8) = 8)) AS insertable,
    (c.relkind IN ('r', 'p') OR (c.relkind IN ('v', 'f') AND (pg_relation_is_updatable(c.oid::regclass, true) & 4) = 4)) AS updatable,
    (c.relkind IN ('r', 'p') OR (c.relkind IN ('v', 'f') AND (pg_relation_is_updatable(c.oid::regclass, true) & 16) = 16)) AS deletable,
    COALESCE((
      SELECT json_agg(a.attname ORDER BY a.attname)
      FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey)
      WHERE k.conrelid = c.oid AND k.contype = 'p'
    ), '[]') AS pk,
    COALESCE((
      SELECT json_agg(json_build_object(
        'name', a.attname,
        'num', a.attnum,
        'type', CASE WHEN t.typtype = 'd' THEN format_type(bt.base_type, NULL)
                     WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN format_type(a.atttypid, NULL)
                     ELSE format_type(a.atttypid, a.atttypmod) END,
        'nominalType', format_type(a.atttypid, a.atttypmod),
        'nullable', NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)),
        'default', CASE WHEN t.typbasetype <> 0 AND ad.adbin IS NULL THEN pg_get_expr(t.typdefaultbin, 0)
                        -- identity BY DEFAULT: its sequence's nextval (ALWAYS has no usable default, as in PostgREST)
                        WHEN a.attidentity = 'd' THEN (
                          SELECT format('nextval(%L)', seq.objid::regclass) FROM pg_depend seq
                          WHERE seq.refobjid = a.attrelid AND seq.refobjsubid = a.attnum AND seq.deptype = 'i'
                            AND seq.classid = 'pg_class'::regclass LIMIT 1)
                        WHEN a.attgenerated = 's' THEN NULL
                        ELSE pg_get_expr(ad.adbin, ad.adrelid) END,
        'generated', a.attgenerated = 's' OR a.attidentity = 'a'
      ) ORDER BY a.attnum)
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN base_types bt ON bt.oid = t.oid
      LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    ), '[]') AS columns
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND NOT pg_is_other_temp_schema(n.oid)
),
fks AS (
  SELECT
    k.conname AS name,
    k.conrelid AS table_oid,
    k.confrelid AS ftable_oid,
    (SELECT json_agg(json_build_array(ca.attname, fa.attname) ORDER BY u.ord)
       FROM unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(col, ref, ord)
       JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.col
       JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = u.ref) AS columns,
    EXISTS (
      SELECT 1 FROM pg_constraint pu
      WHERE pu.conrelid = k.conrelid AND pu.contype IN ('p', 'u')
        AND (SELECT array_agg(x ORDER BY x) FROM unnest(pu.conkey) x) = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x)
    ) AS one_to_one
  FROM pg_constraint k
  WHERE k.contype = 'f' AND k.conparentid = 0
),
-- view column → source (table oid, column number), read from the top-level target list of the view's
-- _RETURN rule: PostgreSQL records resorigtbl/resorigcol for columns that are plain references.
view_sources AS (
  SELECT r.ev_class AS view_oid, m[1]::int AS resno, m[2] AS resname, m[3]::oid AS src_oid, m[4]::int AS src_col
  FROM pg_rewrite r
  JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
    AND v.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  CROSS JOIN LATERAL regexp_matches(r.ev_action::text,
    ':resno (\d+) :resname ((?:[^\s\\]|\\.)+) :ressortgroupref \d+ :resorigtbl (\d+) :resorigcol (\d+) :resjunk false', 'g') AS m
  WHERE r.rulename = '_RETURN' AND m[3]::oid <> 0
),
funcs AS (
  SELECT
    p.oid,
    pn.nspname AS schema,
    p.proname AS name,
    COALESCE((
      SELECT json_agg(json_build_object(
        'name', COALESCE(a.name, ''),
        'type', a.type::regtype::text,
        'typeMaxLength', CASE a.type WHEN 'bit'::regtype THEN 'bit varying' WHEN 'bit[]'::regtype THEN 'bit varying[]'
                                     WHEN 'character'::regtype THEN 'character varying'
                                     WHEN 'character[]'::regtype THEN 'character varying[]'
                                     ELSE a.type::regtype::text END,
        'required', a.inidx <= (p.pronargs - p.pronargdefaults),
        'variadic', COALESCE(a.mode = 'v', false)
      ) ORDER BY a.inidx)
      FROM (
        SELECT x.name, x.type, x.mode, row_number() OVER (ORDER BY x.idx) AS inidx
        FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[]),
                    COALESCE(p.proargnames, array_fill(NULL::text, ARRAY[COALESCE(array_length(p.proallargtypes, 1), p.pronargs)])),
                    COALESCE(p.proargmodes, array_fill('i'::"char", ARRAY[COALESCE(array_length(p.proallargtypes, 1), p.pronargs)])))
             WITH ORDINALITY AS x(type, name, mode, idx)
        WHERE x.mode IN ('i', 'b', 'v')
      ) a
    ), '[]') AS params,
    tn.nspname AS ret_schema,
    COALESCE(comp.relname, t.typname) AS ret_name,
    p.proretset AS ret_setof,
    (t.typtype = 'c' OR COALESCE(p.proargmodes::text[] && '{t,b,o}', false)) AS ret_composite,
    comp.oid IS NOT NULL AND comp.relkind IN ('r', 'v', 'm', 'f', 'p') AS ret_relation,
    p.provolatile AS volatility,
    p.provariadic <> 0 AS has_variadic,
    p.prorows AS rows,
    p.pronargs AS nargs,
    (SELECT ac.oid FROM pg_class ac WHERE ac.reltype = p.proargtypes[0] AND ac.relkind IN ('r', 'v', 'm', 'f', 'p')) AS arg_rel_oid
  FROM pg_proc p
  JOIN pg_namespace pn ON pn.oid = p.pronamespace
  JOIN base_types bt ON bt.oid = p.prorettype
  JOIN pg_type t ON t.oid = bt.base_type
  JOIN pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_class comp ON comp.oid = t.typrelid
  WHERE p.prokind = 'f' AND t.oid <> 'trigger'::regtype AND p.pronamespace IN (SELECT nsp FROM exposed)
)
SELECT json_build_object(
  'relations', COALESCE((SELECT json_agg(json_build_object(
      'oid', oid, 'schema', schema, 'name', name, 'isView', is_view, 'insertable', insertable,
      'updatable', updatable, 'deletable', deletable, 'pk', pk, 'columns', columns) ORDER BY schema, name) FROM rels), '[]'),
  'foreignKeys', COALESCE((SELECT json_agg(json_build_object(
      'name', name, 'tableOid', table_oid, 'ftableOid', ftable_oid, 'columns', columns, 'oneToOne', one_to_one)
      ORDER BY table_oid, name) FROM fks), '[]'),
  'viewSources', COALESCE((SELECT json_agg(json_build_object(
      'viewOid', view_oid, 'resno', resno, 'resname', resname, 'srcOid', src_oid, 'srcCol', src_col)) FROM view_sources), '[]'),
  'functions', COALESCE((SELECT json_agg(json_build_object(
      'oid', oid, 'schema', schema, 'name', name, 'params', params, 'retSchema', ret_schema, 'retName', ret_name,
      'retSetof', ret_setof, 'retComposite', ret_composite, 'retRelation', ret_relation, 'volatility', volatility,
      'hasVariadic', has_variadic, 'rows', rows, 'nargs', nargs, 'argRelOid', arg_rel_oid) ORDER BY schema, name, oid) FROM funcs), '[]')
) AS cache
