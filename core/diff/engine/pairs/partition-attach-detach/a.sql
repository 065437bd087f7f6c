-- A partition detached (its share of the parent's key, foreign key and index kept as its own), and a plain table
-- attached (its share of the parent's index made first under TO's name, the rest made by ATTACH).
create schema app;
create table app.ref (id int primary key);
create table app.m (id int not null, at date not null, r int references app.ref, v text check (length(v) < 10), unique (id, at)) partition by range (at);
create index m_v on app.m (v);
create table app.m1 partition of app.m for values from ('2024-01-01') to ('2025-01-01');
create table app.m2 partition of app.m for values from ('2025-01-01') to ('2026-01-01');
create table app.m3 (id int not null, at date not null, r int, v text constraint m_v_check check (length(v) < 10));
insert into app.ref values (1); insert into app.m values (1,'2024-02-02',1,'a');
