-- A table attached keeps its own key and foreign key where they match its parent's: ATTACH adopts them (they were
-- dropped and built again). Cloned and own triggers, a foreign key to the partitioned table, a partition's RLS,
-- policy and index comment stay through DETACH.
create schema app;
create function app.tf() returns trigger language plpgsql as $$begin return new; end$$;
create table app.ref (id int primary key);
create table app.m (id int not null, at date not null, r int references app.ref, primary key (id, at)) partition by range (at);
create trigger m_t before insert on app.m for each row execute function app.tf();
create table app.m1 partition of app.m for values from ('2024-01-01') to ('2025-01-01');
create table app.m2 (id int not null, at date not null, r int, primary key (id, at));
create trigger own_t after update on app.m2 for each row execute function app.tf();
create table app.child_ref (id int, at date, foreign key (id, at) references app.m);
comment on index app.m1_pkey is 'partition key index';
alter table app.m1 enable row level security;
create policy p on app.m1 using (true);
insert into app.ref values (1);
insert into app.m2 values (1, '2025-03-01', 1);
