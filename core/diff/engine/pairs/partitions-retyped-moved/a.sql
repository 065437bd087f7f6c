-- Columns retyped on a partitioned table while partitions leave it, move from a sub-partitioned partition to
-- the top, and a view over it is made again: the detached ones are retyped on their own.
create schema app;
create table app.m (id int not null, at date not null, amount int, note varchar(10)) partition by range (at);
create table app.m1 partition of app.m for values from ('2024-01-01') to ('2025-01-01');
create table app.m2 partition of app.m for values from ('2025-01-01') to ('2026-01-01') partition by list (id);
create table app.m2a partition of app.m2 for values in (1);
create table app.m3 partition of app.m for values from ('2026-01-01') to ('2027-01-01');
create view app.v as select id, amount from app.m;
insert into app.m values (1, '2024-05-01', 5, 'a'), (2, '2026-02-01', 7, 'c');
