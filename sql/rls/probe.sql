-- Runs the matrix probes as the persona (the session's role is already switched), each in its own subtransaction
-- that is always rolled back: a probe that succeeds raises GHRB0 after counting, so nothing it did stays.
-- The probes come in the transaction-local setting gatehouse.rls_probes (a JSON array of {"sql": …, "count": bool});
-- the outcomes go to gatehouse.rls_results as a JSON array in the same order: {"n": rows} or {"state", "message"}.
do $probe$
declare
  p json;
  n bigint;
  results jsonb := '[]'::jsonb;
begin
  for p in select value from json_array_elements(current_setting('gatehouse.rls_probes')::json) loop
    begin
      if (p->>'count')::boolean then
        execute p->>'sql' into n;
      else
        execute p->>'sql';
        get diagnostics n = row_count;
      end if;
      raise sqlstate 'GHRB0';
    exception
      when sqlstate 'GHRB0' then
        results := results || jsonb_build_array(jsonb_build_object('n', n));
      when others then
        results := results || jsonb_build_array(jsonb_build_object('state', sqlstate, 'message', sqlerrm));
    end;
  end loop;
  perform set_config('gatehouse.rls_results', results::text, true);
end
$probe$
