-- Partitions detached and attached again in one migration (a bound changed, moved to another parent) and a
-- plain table attached: their columns are their own meanwhile, so the parent's ADD / DROP COLUMN is made on them
-- too (ATTACH refused them: child table is missing column). New partitions, a default one, hash moduli.
create schema app;
create table app.m (id int not null, at date not null, v text, primary key (id, at)) partition by range (at);
create table app.m1 partition of app.m for values from ('2024-01-01') to ('2025-01-01');
create table app.m2 partition of app.m for values from ('2025-01-01') to ('2026-01-01') partition by list (id);
create table app.m2a partition of app.m2 for values in (1, 2);
create table app.m2b partition of app.m2 default;
create index on app.m (v);
create table app.h (id int, k int) partition by hash (k);
create table app.h0 partition of app.h for values with (modulus 2, remainder 0);
create table app.h1 partition of app.h for values with (modulus 2, remainder 1);
insert into app.m values (1, '2024-05-01', 'a'), (1, '2025-05-01', 'b'), (5, '2025-06-01', 'c');
create table app.n (id int not null, at date not null, v text, x int) partition by range (at);
create table app.n1 partition of app.n for values from ('2024-01-01') to ('2025-01-01');
create table app.n2 partition of app.n for values from ('2025-01-01') to ('2026-01-01');
create table app.n3 (id int not null, at date not null, v text, x int);
create table app.o (id int not null, at date not null, v text, x int) partition by range (at);
insert into app.n values (1, '2024-05-01', 'a', 1), (1, '2025-05-01', 'b', 2);
insert into app.n3 values (1, '2026-05-01', 'c', 3);
-- The parent's key dropped while its partition gets a new bound (detached meanwhile: the partition's copy is its own).
create table app.k (id int not null, at date not null, primary key (id, at)) partition by range (at);
create table app.k1 partition of app.k for values from ('2024-01-01') to ('2025-01-01');
-- A partition with a disabled clone of its parent's trigger gets a new bound: ATTACH clones the trigger anew,
-- enabled, so it is disabled again.
create function app.tf() returns trigger language plpgsql as $$begin return new; end$$;
create table app.tg (id int not null, at date not null) partition by range (at);
create trigger tg_t before insert on app.tg for each row execute function app.tf();
create table app.tg1 partition of app.tg for values from ('2024-01-01') to ('2025-01-01');
alter table app.tg1 disable trigger tg_t;
