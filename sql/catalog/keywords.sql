-- Keywords that quote_ident() quotes (all but unreserved ones): lets the reader spell identifiers exactly as
-- PostgreSQL's own deparsing does when it builds a definition itself.
SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode <> 'U';
