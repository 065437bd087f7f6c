-- The demo database, owned by developer (run as the superuser when it does not exist yet).
CREATE DATABASE "gatehouse_demo" OWNER "developer" ENCODING 'UTF8' TEMPLATE template0;
