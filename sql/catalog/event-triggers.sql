-- Event triggers of the current database (database-wide, in no schema), with their function, the command tags
-- they are limited to (none: every tag), their firing state as ALTER EVENT TRIGGER spells it, owner and comment.
-- Those an extension created (pg_depend 'e') come and go with it: left out.
SELECT
  e.oid,
  e.evtname AS name,
  e.evtevent AS event,
  fn_n.nspname AS function_schema,
  fn.proname AS function_name,
  CASE e.evtenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' ELSE 'always' END AS enabled,
  COALESCE(e.evttags, '{}'::text[]) AS tags,
  pg_catalog.pg_get_userbyid(e.evtowner) AS owner,
  d.description AS comment
FROM pg_catalog.pg_event_trigger AS e
JOIN pg_catalog.pg_proc AS fn ON fn.oid = e.evtfoid
JOIN pg_catalog.pg_namespace AS fn_n ON fn_n.oid = fn.pronamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_event_trigger'::regclass AND d.objsubid = 0
WHERE NOT EXISTS (
  SELECT FROM pg_catalog.pg_depend AS dep
  WHERE dep.classid = 'pg_catalog.pg_event_trigger'::regclass AND dep.objid = e.oid AND dep.deptype = 'e'
)
ORDER BY e.evtname COLLATE "C";
