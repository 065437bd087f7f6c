-- pg_depend edges between relations, functions and types, with the dependent side lifted to its owner:
-- a view's rewrite rule → the view, a constraint / column default / trigger / policy / index → its relation,
-- a domain constraint → the domain. Edges to schemas, extensions and owners are not wanted here.
-- The reader maps OIDs to references and drops edges whose ends are not in the model.
SELECT
  CASE dep.classid
    WHEN 'pg_catalog.pg_rewrite'::regclass THEN 'rule'
    WHEN 'pg_catalog.pg_constraint'::regclass THEN
      CASE WHEN con.contypid <> 0 THEN 'type' ELSE 'constraint' END
    WHEN 'pg_catalog.pg_attrdef'::regclass THEN 'default'
    WHEN 'pg_catalog.pg_trigger'::regclass THEN 'trigger'
    WHEN 'pg_catalog.pg_policy'::regclass THEN 'policy'
    WHEN 'pg_catalog.pg_class'::regclass THEN CASE WHEN ix.indexrelid IS NOT NULL THEN 'index' ELSE 'direct' END
    ELSE 'direct'
  END AS via,
  CASE
    WHEN dep.classid = 'pg_catalog.pg_proc'::regclass THEN 'function'
    WHEN dep.classid = 'pg_catalog.pg_type'::regclass THEN 'type'
    WHEN dep.classid = 'pg_catalog.pg_constraint'::regclass AND con.contypid <> 0 THEN 'type'
    ELSE 'class'
  END AS from_catalog,
  CASE dep.classid
    WHEN 'pg_catalog.pg_rewrite'::regclass THEN rw.ev_class
    WHEN 'pg_catalog.pg_constraint'::regclass THEN CASE WHEN con.contypid <> 0 THEN con.contypid ELSE con.conrelid END
    WHEN 'pg_catalog.pg_attrdef'::regclass THEN ad.adrelid
    WHEN 'pg_catalog.pg_trigger'::regclass THEN tg.tgrelid
    WHEN 'pg_catalog.pg_policy'::regclass THEN pol.polrelid
    ELSE coalesce(ix.indrelid, dep.objid)
  END AS from_oid,
  CASE dep.refclassid
    WHEN 'pg_catalog.pg_proc'::regclass THEN 'function'
    WHEN 'pg_catalog.pg_type'::regclass THEN 'type'
    ELSE 'class'
  END AS to_catalog,
  dep.refobjid AS to_oid,
  CASE dep.deptype WHEN 'n' THEN 'normal' WHEN 'a' THEN 'auto' ELSE 'internal' END AS kind
FROM pg_catalog.pg_depend AS dep
LEFT JOIN pg_catalog.pg_rewrite AS rw
  ON dep.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = dep.objid
LEFT JOIN pg_catalog.pg_constraint AS con
  ON dep.classid = 'pg_catalog.pg_constraint'::regclass AND con.oid = dep.objid
LEFT JOIN pg_catalog.pg_attrdef AS ad
  ON dep.classid = 'pg_catalog.pg_attrdef'::regclass AND ad.oid = dep.objid
LEFT JOIN pg_catalog.pg_trigger AS tg
  ON dep.classid = 'pg_catalog.pg_trigger'::regclass AND tg.oid = dep.objid
LEFT JOIN pg_catalog.pg_policy AS pol
  ON dep.classid = 'pg_catalog.pg_policy'::regclass AND pol.oid = dep.objid
LEFT JOIN pg_catalog.pg_index AS ix
  ON dep.classid = 'pg_catalog.pg_class'::regclass AND ix.indexrelid = dep.objid
WHERE dep.deptype IN ('n', 'a', 'i')
  AND dep.classid IN (
    'pg_catalog.pg_class'::regclass, 'pg_catalog.pg_rewrite'::regclass, 'pg_catalog.pg_constraint'::regclass,
    'pg_catalog.pg_attrdef'::regclass, 'pg_catalog.pg_trigger'::regclass, 'pg_catalog.pg_policy'::regclass,
    'pg_catalog.pg_proc'::regclass, 'pg_catalog.pg_type'::regclass)
  AND dep.refclassid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_proc'::regclass, 'pg_catalog.pg_type'::regclass)
  AND dep.refobjid >= 16384;
