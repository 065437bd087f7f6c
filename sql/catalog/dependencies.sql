-- pg_depend edges between relations, functions and types, and from them to user collations (a column default's
-- or a SQL-standard function body's COLLATE is recorded nowhere else), with the dependent side lifted to its owner:
-- a view's rewrite rule → the view, a constraint / column default / trigger / policy / index → its relation,
-- a domain constraint → the domain. Edges to schemas, extensions, owners and built-in objects (OID < 16384)
-- are not wanted. One branch per dependent catalog (inner joins, no per-row CASE over every catalog), and
-- self-edges (a table's own index, constraint or default) are dropped here rather than shipped.
-- The reader maps OIDs to references, drops edges whose ends are not in the model and folds the
-- one-row-per-column edges (a view using five columns of a table) into one (cheaper there than DISTINCT here),
-- keeping which columns of a relation an edge uses (to_column: refobjsubid, 0 for the whole object).
-- NOT MATERIALIZED: each branch then filters pg_depend by its own classid instead of scanning a copy of
-- every edge (half the time).
WITH dep AS NOT MATERIALIZED (
  SELECT
    d.classid,
    d.objid,
    d.refobjid,
    d.refobjsubid,
    CASE d.refclassid
      WHEN 'pg_catalog.pg_proc'::regclass THEN 'function'
      WHEN 'pg_catalog.pg_type'::regclass THEN 'type'
      WHEN 'pg_catalog.pg_collation'::regclass THEN 'collation'
      ELSE 'class'
    END AS to_catalog,
    CASE d.deptype WHEN 'n' THEN 'normal' WHEN 'a' THEN 'auto' ELSE 'internal' END AS kind,
    d.deptype
  FROM pg_catalog.pg_depend AS d
  WHERE d.deptype IN ('n', 'a', 'i')
    AND d.objid >= 16384
    AND d.refobjid >= 16384
    AND d.refclassid IN (
      'pg_catalog.pg_class'::regclass, 'pg_catalog.pg_proc'::regclass, 'pg_catalog.pg_type'::regclass,
      'pg_catalog.pg_collation'::regclass)
)
SELECT * FROM (
SELECT CASE WHEN ix.indexrelid IS NULL THEN 'direct' ELSE 'index' END AS via,
       'class' AS from_catalog, coalesce(ix.indrelid, dep.objid) AS from_oid,
       dep.to_catalog, dep.refobjid AS to_oid, dep.kind, dep.refobjsubid AS to_column
FROM dep
LEFT JOIN pg_catalog.pg_index AS ix ON ix.indexrelid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_class'::regclass
  AND dep.refobjid <> coalesce(ix.indrelid, dep.objid)
UNION ALL
SELECT 'rule', 'class', rw.ev_class, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
JOIN pg_catalog.pg_rewrite AS rw ON rw.oid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_rewrite'::regclass
  AND dep.refobjid <> rw.ev_class
UNION ALL
SELECT CASE WHEN con.contypid <> 0 THEN 'type' ELSE 'constraint' END,
       CASE WHEN con.contypid <> 0 THEN 'type' ELSE 'class' END,
       CASE WHEN con.contypid <> 0 THEN con.contypid ELSE con.conrelid END,
       dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
JOIN pg_catalog.pg_constraint AS con ON con.oid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_constraint'::regclass
  AND dep.refobjid <> con.conrelid
  AND dep.refobjid <> con.contypid
UNION ALL
SELECT 'default', 'class', ad.adrelid, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
JOIN pg_catalog.pg_attrdef AS ad ON ad.oid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_attrdef'::regclass
  AND dep.refobjid <> ad.adrelid
UNION ALL
SELECT 'trigger', 'class', tg.tgrelid, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
JOIN pg_catalog.pg_trigger AS tg ON tg.oid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_trigger'::regclass
  AND dep.refobjid <> tg.tgrelid
UNION ALL
SELECT 'policy', 'class', pol.polrelid, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
JOIN pg_catalog.pg_policy AS pol ON pol.oid = dep.objid
WHERE dep.classid = 'pg_catalog.pg_policy'::regclass
  AND dep.refobjid <> pol.polrelid
UNION ALL
SELECT 'direct', 'function', dep.objid, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
WHERE dep.classid = 'pg_catalog.pg_proc'::regclass
UNION ALL
-- A type's internal edges (array → element, row type → its relation) only restate what the model knows.
SELECT 'direct', 'type', dep.objid, dep.to_catalog, dep.refobjid, dep.kind, dep.refobjsubid
FROM dep
WHERE dep.classid = 'pg_catalog.pg_type'::regclass
  AND dep.deptype <> 'i'
) AS edge
-- Edges from or to relations left out of the read ($1, when some are; see relation-fingerprints.sql).
WHERE $1::oid[] IS NULL
   OR NOT ((edge.from_catalog = 'class' AND edge.from_oid IN (SELECT pg_catalog.unnest($1::oid[])))
           OR (edge.to_catalog = 'class' AND edge.to_oid IN (SELECT pg_catalog.unnest($1::oid[]))));
