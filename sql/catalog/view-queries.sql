-- The stored query tree of every view and materialized view in $1. Its top-level targetList says which
-- relation column (resorigtbl, resorigcol) each view column (resno) shows; the TypeScript side walks the tree,
-- because a regular expression cannot tell the top-level list from those of nested subqueries.
SELECT r.ev_class AS relation_oid, r.ev_action::text AS query_tree
FROM pg_catalog.pg_rewrite AS r
JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
WHERE r.rulename = '_RETURN'
  AND c.relkind IN ('v', 'm')
  AND c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]));
