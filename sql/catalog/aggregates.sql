-- Aggregates of $1 as CREATE AGGREGATE spells them: support functions as regproc prints them (qualified unless in
-- pg_catalog, the reader's search_path being empty), state types as format_type does, the sort operator as
-- regoper does. 0 (no function) is null.
SELECT
  a.aggfnoid::oid AS function_oid,
  CASE a.aggkind WHEN 'o' THEN 'ordered_set' WHEN 'h' THEN 'hypothetical' ELSE 'normal' END AS kind,
  a.aggtransfn::regproc::text AS sfunc,
  pg_catalog.format_type(a.aggtranstype, NULL) AS stype,
  a.aggtransspace AS sspace,
  CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END AS finalfunc,
  a.aggfinalextra AS finalfunc_extra,
  a.aggfinalmodify::text AS finalfunc_modify,
  CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END AS combinefunc,
  CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regproc::text END AS serialfunc,
  CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regproc::text END AS deserialfunc,
  a.agginitval AS initcond,
  CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::regproc::text END AS msfunc,
  CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::regproc::text END AS minvfunc,
  CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,
  a.aggmtransspace AS msspace,
  CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::regproc::text END AS mfinalfunc,
  a.aggmfinalextra AS mfinalfunc_extra,
  a.aggmfinalmodify::text AS mfinalfunc_modify,
  a.aggminitval AS minitcond,
  CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoper::text END AS sortop
FROM pg_catalog.pg_aggregate AS a
JOIN pg_catalog.pg_proc AS p ON p.oid = a.aggfnoid
WHERE p.pronamespace = ANY ($1::oid[])
ORDER BY a.aggfnoid;
