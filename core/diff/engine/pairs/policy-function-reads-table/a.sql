-- A table dropped with its policy's function, whose BEGIN ATOMIC body reads the table: each depends on the other
-- (the policy on the function, the function on the table). The policy is dropped first, on its own.
create schema app;
create table app.t (id int, owner text);
create function app.can_see(i int) returns boolean language sql stable begin atomic select exists (select 1 from app.t where id = i and owner = current_user); end;
alter table app.t enable row level security;
create policy p on app.t using (app.can_see(id));
create table app.keep (id int);
