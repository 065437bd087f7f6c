SELECT count(*) = 1 AS ok FROM pg_catalog.pg_policy WHERE polname = 'p';
