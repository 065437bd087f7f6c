-- Rewrite rules on relations of $1 (CREATE RULE), a view's own _RETURN rule aside (that is the view's query):
-- pg_get_ruledef's CREATE RULE without its closing semicolon, the event, the firing state as ALTER TABLE …
-- ENABLE / DISABLE RULE spells it, and the comment.
SELECT
  r.ev_class AS relation_oid,
  r.rulename AS name,
  CASE r.ev_type WHEN '1' THEN 'select' WHEN '2' THEN 'update' WHEN '3' THEN 'insert' ELSE 'delete' END AS event,
  pg_catalog.regexp_replace(pg_catalog.pg_get_ruledef(r.oid), ';\s*$', '') AS definition,
  CASE r.ev_enabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' ELSE 'always' END
    AS enabled,
  d.description AS comment
FROM pg_catalog.pg_rewrite AS r
JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_rewrite'::regclass AND d.objsubid = 0
WHERE c.relnamespace = ANY ($1::oid[])
  AND ($2::oid[] IS NULL OR c.oid = ANY ($2::oid[]))
  AND r.rulename <> '_RETURN'
ORDER BY r.ev_class, r.rulename COLLATE "C";
