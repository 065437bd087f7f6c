create schema app;
create table app.keep (id int);
