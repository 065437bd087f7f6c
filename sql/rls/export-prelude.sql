-- Helpers of an exported RLS matrix test (session-local, gone at the end of the session).
-- gh_probe runs one probe as the current role in a subtransaction that is always rolled back and keeps its outcome,
-- {"n": rows} or {"state": SQLSTATE}, in the setting gatehouse.r<i>; the checks read it back as the developer.
create function pg_temp.gh_probe(i int, q text, is_count boolean) returns void
language plpgsql as $gh$
declare
  n bigint;
  outcome jsonb;
begin
  begin
    if is_count then
      execute q into n;
    else
      execute q;
      get diagnostics n = row_count;
    end if;
    raise sqlstate 'GHRB0';
  exception
    when sqlstate 'GHRB0' then outcome := jsonb_build_object('n', n);
    when others then outcome := jsonb_build_object('state', sqlstate);
  end;
  perform set_config('gatehouse.r' || i, outcome::text, true);
end
$gh$;
-- gh_expect fails the script when an outcome differs (the plain SQL form; pgTAP uses is()).
create function pg_temp.gh_expect(got jsonb, want jsonb, what text) returns text
language plpgsql as $gh$
begin
  if got is distinct from want then
    raise exception 'RLS matrix differs: %: expected %, got %', what, want, got;
  end if;
  return 'ok ' || what;
end
$gh$;
